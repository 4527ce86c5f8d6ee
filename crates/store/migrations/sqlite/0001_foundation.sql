-- The journal and the registry projections (units, members, campaigns, phases, targets).
CREATE TABLE journal (
    seq INTEGER PRIMARY KEY,
    recorded_at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    command TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE TABLE journal_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO journal_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE units (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    parent TEXT,
    name_ru TEXT NOT NULL,
    name_kk TEXT NOT NULL,
    name_en TEXT NOT NULL,
    closed INTEGER NOT NULL
);
CREATE INDEX units_parent ON units (parent);

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    iin TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    phone TEXT NOT NULL UNIQUE,
    unit TEXT NOT NULL,
    status TEXT NOT NULL,
    joined_on TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    sex TEXT NOT NULL
);
CREATE INDEX members_unit ON members (unit, status);

CREATE TABLE campaigns (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    election_day TEXT NOT NULL,
    time_zone TEXT NOT NULL
);

CREATE TABLE phases (
    campaign TEXT NOT NULL,
    code TEXT NOT NULL,
    starts_local TEXT NOT NULL,
    ends_local TEXT NOT NULL,
    after_phases TEXT NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY (campaign, code)
);

CREATE TABLE targets (
    campaign TEXT NOT NULL,
    code TEXT NOT NULL,
    body TEXT NOT NULL,
    name TEXT NOT NULL,
    seats INTEGER NOT NULL,
    electorate_unit TEXT NOT NULL,
    PRIMARY KEY (campaign, code)
);
