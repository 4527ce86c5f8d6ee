-- Each branch's share of a list's places and the debaters it invites to the debate before its
-- conference's rating vote (set_debate_quotas).
CREATE TABLE debate_quotas (
    campaign TEXT NOT NULL,
    target TEXT NOT NULL,
    unit TEXT NOT NULL,
    members INTEGER NOT NULL,
    places INTEGER NOT NULL,
    debaters INTEGER NOT NULL,
    PRIMARY KEY (campaign, target, unit)
);

-- The hand-signed scan of each meeting's minutes (attach_signed_minutes): its hash is journaled.
CREATE TABLE signed_minutes (
    meeting TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    attached_at INTEGER NOT NULL
);

-- The scans' files, by their hash: kept beside the record (not replayed from the journal);
-- verify checks each against the hash the journal recorded.
CREATE TABLE signed_minutes_files (
    sha256 TEXT PRIMARY KEY,
    content BLOB NOT NULL
);

-- Whether only party members may stand for a target (1, as before: the default), or any citizen
-- registered with register_person too.
ALTER TABLE eligibility ADD COLUMN membership_required INTEGER NOT NULL DEFAULT 1;
