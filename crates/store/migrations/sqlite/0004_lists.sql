-- Party lists: the list rules per target, each target's list (its places, status and revision as
-- JSON) and the history of every change to it, numbered per list.
-- Times are unix milliseconds; structured values are JSON text.
CREATE TABLE list_rules (
    campaign TEXT NOT NULL,
    target TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (campaign, target)
);

CREATE TABLE party_lists (
    campaign TEXT NOT NULL,
    target TEXT NOT NULL,
    status TEXT NOT NULL,
    revision INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (campaign, target)
);

CREATE TABLE list_events (
    campaign TEXT NOT NULL,
    target TEXT NOT NULL,
    number INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    reason TEXT NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (campaign, target, number)
);
