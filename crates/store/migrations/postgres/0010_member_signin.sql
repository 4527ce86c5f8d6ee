-- Members sign in with their IIN and a one-time code sent to the phone on record.
-- Operational (not journaled, not compared by verify): secrets are kept only as HMACs.

-- One pending code per IIN: the HMAC of the code, the HMAC of the sign-in cookie of the browser
-- that asked for it, when it expires and how many wrong tries it has had.
CREATE TABLE signin_codes (
    iin TEXT PRIMARY KEY,
    binding_hash TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    tries BIGINT NOT NULL
);

-- A session's start and last use, for the idle and absolute expiry of members' sessions
-- (conference sessions keep their expires_at).
ALTER TABLE sessions ADD COLUMN started_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN seen_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX sessions_member ON sessions (member);
