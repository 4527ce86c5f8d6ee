-- Operational, never journaled: requests to speak at a meeting (from a delegate's phone or
-- added by the secretary from the floor). Giving the floor journals record_speaker; the
-- request is then marked answered. Not compared by `verify`.
CREATE TABLE speak_requests (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    meeting TEXT NOT NULL,
    item BIGINT NOT NULL,
    -- The member who asked from their phone; NULL for a request the secretary typed in.
    member BIGINT,
    participant TEXT NOT NULL,
    topic TEXT NOT NULL,
    asked_at BIGINT NOT NULL,
    answered_at BIGINT
);
CREATE INDEX speak_requests_open ON speak_requests (meeting, answered_at);
