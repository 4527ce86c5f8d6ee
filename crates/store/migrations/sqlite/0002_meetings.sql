-- Meetings and conferences: the meetings, delegate norms and allotments, mandates, attendance,
-- open votes and their named marks, delegates elected upward, and excusals from the calendar rule.
-- Times are unix milliseconds; lists and structured settings are JSON text.
CREATE TABLE meetings (
    code TEXT PRIMARY KEY,
    campaign TEXT NOT NULL,
    unit TEXT NOT NULL,
    kind TEXT NOT NULL,
    extraordinary INTEGER NOT NULL,
    convened_by TEXT NOT NULL,
    phase TEXT NOT NULL,
    scheduled_at INTEGER NOT NULL,
    venue TEXT NOT NULL,
    capacity INTEGER NOT NULL,
    streams TEXT NOT NULL,
    quorum TEXT NOT NULL,
    entry_deadline INTEGER,
    rerun_of TEXT,
    status TEXT NOT NULL,
    electorate INTEGER NOT NULL,
    opened_at INTEGER,
    closed_at INTEGER,
    closed_seq INTEGER,
    failure TEXT,
    chair INTEGER,
    secretary INTEGER,
    counting_commission TEXT NOT NULL,
    agenda TEXT NOT NULL,
    credentials TEXT
);
CREATE INDEX meetings_unit ON meetings (unit, campaign);

CREATE TABLE representations (
    campaign TEXT NOT NULL,
    conference_unit TEXT NOT NULL,
    norm TEXT NOT NULL,
    PRIMARY KEY (campaign, conference_unit)
);

CREATE TABLE allotments (
    campaign TEXT NOT NULL,
    unit TEXT NOT NULL,
    conference_unit TEXT NOT NULL,
    members INTEGER NOT NULL,
    seats INTEGER NOT NULL,
    PRIMARY KEY (campaign, unit)
);

CREATE TABLE mandates (
    meeting TEXT NOT NULL,
    number INTEGER NOT NULL,
    member INTEGER NOT NULL,
    card INTEGER NOT NULL,
    PRIMARY KEY (meeting, number)
);

CREATE TABLE attendance (
    meeting TEXT NOT NULL,
    member INTEGER NOT NULL,
    mode TEXT NOT NULL,
    present INTEGER NOT NULL,
    since INTEGER NOT NULL,
    PRIMARY KEY (meeting, member)
);

CREATE TABLE votes (
    meeting TEXT NOT NULL,
    number INTEGER NOT NULL,
    motion TEXT NOT NULL,
    people TEXT NOT NULL,
    rule TEXT NOT NULL,
    status TEXT NOT NULL,
    present_hall INTEGER NOT NULL,
    present_remote INTEGER NOT NULL,
    hall_for INTEGER NOT NULL,
    hall_against INTEGER NOT NULL,
    hall_abstain INTEGER NOT NULL,
    named_for INTEGER NOT NULL,
    named_against INTEGER NOT NULL,
    named_abstain INTEGER NOT NULL,
    named_hall INTEGER NOT NULL,
    counts INTEGER NOT NULL,
    verdict TEXT,
    opened_at INTEGER NOT NULL,
    PRIMARY KEY (meeting, number)
);

CREATE TABLE vote_marks (
    meeting TEXT NOT NULL,
    vote INTEGER NOT NULL,
    member INTEGER NOT NULL,
    choice TEXT,
    PRIMARY KEY (meeting, vote, member)
);

CREATE TABLE delegates (
    campaign TEXT NOT NULL,
    conference_unit TEXT NOT NULL,
    member INTEGER NOT NULL,
    from_unit TEXT NOT NULL,
    from_meeting TEXT NOT NULL,
    vote INTEGER NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (campaign, conference_unit, member)
);

CREATE TABLE excusals (
    campaign TEXT NOT NULL,
    unit TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (campaign, unit)
);
