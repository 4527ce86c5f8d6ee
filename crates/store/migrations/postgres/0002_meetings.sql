-- Meetings and conferences: the meetings, delegate norms and allotments, mandates, attendance,
-- open votes and their named marks, delegates elected upward, and excusals from the calendar rule.
-- Times are unix milliseconds; lists and structured settings are JSON text.
CREATE TABLE meetings (
    code TEXT PRIMARY KEY,
    campaign TEXT NOT NULL,
    unit TEXT NOT NULL,
    kind TEXT NOT NULL,
    extraordinary BIGINT NOT NULL,
    convened_by TEXT NOT NULL,
    phase TEXT NOT NULL,
    scheduled_at BIGINT NOT NULL,
    venue TEXT NOT NULL,
    capacity BIGINT NOT NULL,
    streams TEXT NOT NULL,
    quorum TEXT NOT NULL,
    entry_deadline BIGINT,
    rerun_of TEXT,
    status TEXT NOT NULL,
    electorate BIGINT NOT NULL,
    opened_at BIGINT,
    closed_at BIGINT,
    closed_seq BIGINT,
    failure TEXT,
    chair BIGINT,
    secretary BIGINT,
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
    members BIGINT NOT NULL,
    seats BIGINT NOT NULL,
    PRIMARY KEY (campaign, unit)
);

CREATE TABLE mandates (
    meeting TEXT NOT NULL,
    number BIGINT NOT NULL,
    member BIGINT NOT NULL,
    card BIGINT NOT NULL,
    PRIMARY KEY (meeting, number)
);

CREATE TABLE attendance (
    meeting TEXT NOT NULL,
    member BIGINT NOT NULL,
    mode TEXT NOT NULL,
    present BIGINT NOT NULL,
    since BIGINT NOT NULL,
    PRIMARY KEY (meeting, member)
);

CREATE TABLE votes (
    meeting TEXT NOT NULL,
    number BIGINT NOT NULL,
    motion TEXT NOT NULL,
    people TEXT NOT NULL,
    rule TEXT NOT NULL,
    status TEXT NOT NULL,
    present_hall BIGINT NOT NULL,
    present_remote BIGINT NOT NULL,
    hall_for BIGINT NOT NULL,
    hall_against BIGINT NOT NULL,
    hall_abstain BIGINT NOT NULL,
    named_for BIGINT NOT NULL,
    named_against BIGINT NOT NULL,
    named_abstain BIGINT NOT NULL,
    named_hall BIGINT NOT NULL,
    counts BIGINT NOT NULL,
    verdict TEXT,
    opened_at BIGINT NOT NULL,
    PRIMARY KEY (meeting, number)
);

CREATE TABLE vote_marks (
    meeting TEXT NOT NULL,
    vote BIGINT NOT NULL,
    member BIGINT NOT NULL,
    choice TEXT,
    PRIMARY KEY (meeting, vote, member)
);

CREATE TABLE delegates (
    campaign TEXT NOT NULL,
    conference_unit TEXT NOT NULL,
    member BIGINT NOT NULL,
    from_unit TEXT NOT NULL,
    from_meeting TEXT NOT NULL,
    vote BIGINT NOT NULL,
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
