-- Primaries: eligibility rules, candidacies, debates, polls with their frozen rolls, the ballot
-- box (kept apart from the roll: no shared id, time or order), leaves, checkpoints, polling
-- stations, results and the phone-change notification outbox.
CREATE TABLE eligibility (
    campaign TEXT NOT NULL,
    target TEXT NOT NULL,
    min_age BIGINT NOT NULL,
    min_residency_years BIGINT NOT NULL,
    min_membership_days BIGINT NOT NULL,
    PRIMARY KEY (campaign, target)
);

CREATE TABLE candidacies (
    campaign TEXT NOT NULL,
    target TEXT NOT NULL,
    member BIGINT NOT NULL,
    number BIGINT NOT NULL,
    nominated_by TEXT NOT NULL,
    residency_years BIGINT NOT NULL,
    unexpunged_conviction BIGINT NOT NULL,
    status TEXT NOT NULL,
    decision TEXT NOT NULL,
    nominated_at BIGINT NOT NULL,
    decided_at BIGINT,
    PRIMARY KEY (campaign, target, member)
);

CREATE TABLE debates (
    code TEXT PRIMARY KEY,
    campaign TEXT NOT NULL,
    target TEXT NOT NULL,
    unit TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    streams TEXT NOT NULL,
    participants TEXT NOT NULL,
    recording TEXT
);

CREATE TABLE polls (
    code TEXT PRIMARY KEY,
    campaign TEXT NOT NULL,
    status TEXT NOT NULL,
    body TEXT NOT NULL
);

-- Who may vote and whether they did ('' not yet, 'online', 'station:CODE'); never what.
CREATE TABLE poll_roll (
    poll TEXT NOT NULL,
    member BIGINT NOT NULL,
    unit TEXT NOT NULL,
    marked TEXT NOT NULL,
    PRIMARY KEY (poll, member)
);
CREATE INDEX poll_roll_member ON poll_roll (member);

-- The leaves of each poll's ballots, from the journal's batches: keyed by value, no order.
CREATE TABLE poll_leaves (
    poll TEXT NOT NULL,
    leaf TEXT NOT NULL,
    PRIMARY KEY (poll, leaf)
);

-- What was voted, keyed by tracker; rebuilt in tracker order when it is sealed at the close.
CREATE TABLE ballot_box (
    poll TEXT NOT NULL,
    tracker TEXT NOT NULL,
    content TEXT NOT NULL,
    opening TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    PRIMARY KEY (poll, tracker)
);
CREATE INDEX ballot_box_request ON ballot_box (request_hash);

CREATE TABLE poll_checkpoints (
    poll TEXT NOT NULL,
    at BIGINT NOT NULL,
    voters BIGINT NOT NULL,
    ballots BIGINT NOT NULL,
    root TEXT NOT NULL,
    key_id TEXT NOT NULL,
    signature TEXT NOT NULL,
    PRIMARY KEY (poll, at)
);

CREATE TABLE station_returns (
    poll TEXT NOT NULL,
    station TEXT NOT NULL,
    per_option TEXT NOT NULL,
    spoiled BIGINT NOT NULL,
    ballots TEXT NOT NULL,
    commission TEXT NOT NULL,
    PRIMARY KEY (poll, station)
);

CREATE TABLE station_conflicts (
    poll TEXT NOT NULL,
    station TEXT NOT NULL,
    member BIGINT NOT NULL,
    already TEXT NOT NULL,
    PRIMARY KEY (poll, station, member)
);

CREATE TABLE poll_results (
    poll TEXT PRIMARY KEY,
    outcome TEXT NOT NULL,
    ratings TEXT NOT NULL,
    electronic BIGINT NOT NULL,
    paper BIGINT NOT NULL
);

CREATE TABLE notifications (
    seq BIGINT NOT NULL,
    phone TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (seq, phone)
);

-- Operational (not journaled, not compared by verify): secrets are kept only as hashes.
-- A conference's e-vote credential, handed to a participant at check-in; used once to sign in.
CREATE TABLE vote_credentials (
    code_hash TEXT PRIMARY KEY,
    meeting TEXT NOT NULL,
    member BIGINT NOT NULL,
    issued_at BIGINT NOT NULL,
    used BIGINT NOT NULL
);

-- Signed-in voters: the session token's hash, whose session it is, what it may vote in, until when.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    member BIGINT NOT NULL,
    scope TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
