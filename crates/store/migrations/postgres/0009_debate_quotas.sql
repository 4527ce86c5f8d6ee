-- Each branch's share of a list's places and the debaters it invites to the debate before its
-- conference's rating vote (set_debate_quotas).
CREATE TABLE debate_quotas (
    campaign TEXT NOT NULL,
    target TEXT NOT NULL,
    unit TEXT NOT NULL,
    members BIGINT NOT NULL,
    places BIGINT NOT NULL,
    debaters BIGINT NOT NULL,
    PRIMARY KEY (campaign, target, unit)
);
