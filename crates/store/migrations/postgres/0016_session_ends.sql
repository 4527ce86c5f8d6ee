-- Operational, never journaled: whose sessions ended (signing out, a new sign-in or a reissued
-- credential ending an earlier one), numbered in commit order, so that every node drops its
-- copies of those sessions within a second (store/src/session_cache.rs). Pruned after a day.
CREATE TABLE session_ends (
    seq BIGINT PRIMARY KEY,
    member BIGINT NOT NULL,
    ended_at BIGINT NOT NULL
);
-- The last number handed out. Taking the next one locks this row until the commit, so numbers
-- become visible in order on every node: a reader that sees one has seen all before it.
CREATE TABLE session_ends_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL
);
INSERT INTO session_ends_head (id, seq) VALUES (1, 0);
