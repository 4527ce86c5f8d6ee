-- The charter's rules (rules version 2). Rows written under version 1 keep the defaults below,
-- which are what a replay under version 1 writes, so `verify` of an older database still passes.

-- The version of the rules in force (no row: version 1), and the journal entry that adopted it.
CREATE TABLE rules (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    adopted_seq INTEGER NOT NULL
);

-- How each kind of motion is decided, set by the organizer for a campaign; meeting_kind '' is
-- every kind of meeting, a kind's own row overrides it.
CREATE TABLE decision_rules (
    campaign TEXT NOT NULL,
    meeting_kind TEXT NOT NULL,
    motion TEXT NOT NULL,
    rule TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    PRIMARY KEY (campaign, meeting_kind, motion)
);

-- Whether a candidate of this target may stand for other targets of the campaign too (0: one
-- candidacy per person per campaign, the 2020 rule).
ALTER TABLE eligibility ADD COLUMN other_candidacies INTEGER NOT NULL DEFAULT 0;

-- A declared corruption offence bars a candidate (0 before version 2), and where the declared
-- record comes from (NULL when not given).
ALTER TABLE candidacies ADD COLUMN corruption_offence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE candidacies ADD COLUMN record_source TEXT;

-- Who spoke on each agenda item (JSON list), and the protocol's number (NULL before version 2).
ALTER TABLE meetings ADD COLUMN speakers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE meetings ADD COLUMN protocol_number TEXT;

-- The agenda item a vote decides (NULL: procedural, and before version 2).
ALTER TABLE votes ADD COLUMN item INTEGER;

-- When the counting commission's (latest) count of a vote was taken; NULL before version 2.
ALTER TABLE votes ADD COLUMN counted_at INTEGER;

-- The counting commission's recorded decision on a conflict (JSON); NULL while unresolved.
ALTER TABLE station_conflicts ADD COLUMN resolution TEXT;
