-- Operational, never journaled: the notices sent to a conference's delegates (the convocation,
-- the reminder on the day), one row per meeting, member and kind, claimed before the message
-- goes out so that none is sent twice. `outcome`: sending, sent, failed: WHY, no_phone.
CREATE TABLE notices_sent (
    meeting TEXT NOT NULL,
    member BIGINT NOT NULL,
    kind TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    PRIMARY KEY (meeting, member, kind)
);
