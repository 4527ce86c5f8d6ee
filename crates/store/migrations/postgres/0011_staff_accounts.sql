-- Staff accounts and role grants. The accounts' facts (login, role, unit, disabled) and the
-- grants are record: projections of the journaled add_account, disable_account, grant_role and
-- revoke_grant, compared by `mandat verify`. The secrets and sessions are operational.
CREATE TABLE staff_accounts (
    login TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    unit TEXT NOT NULL,
    disabled INTEGER NOT NULL,
    added_seq BIGINT NOT NULL
);

-- One row per person, role and scope (`unit:CODE`, `meeting:CODE`, `poll:CODE`); a grant whose
-- meeting or poll has closed stays here, lapsed by the rule in core.
CREATE TABLE grants (
    iin TEXT NOT NULL,
    role TEXT NOT NULL,
    scope TEXT NOT NULL,
    granted_seq BIGINT NOT NULL,
    PRIMARY KEY (iin, role, scope)
);

-- Operational, never journaled: the argon2id hash (PHC string) of the password, the TOTP
-- secret sealed under a key derived from the site secret (`nonce` picks its pad), the failed
-- attempts in the current window, and the last TOTP step used (a code signs in once).
CREATE TABLE staff_credentials (
    login TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    totp_sealed TEXT NOT NULL,
    totp_nonce TEXT NOT NULL,
    failures BIGINT NOT NULL,
    failures_since BIGINT NOT NULL,
    last_step BIGINT NOT NULL,
    changed_at BIGINT NOT NULL
);

-- Operational: staff sessions as the HMAC of their token under the token key; idle and
-- absolute expiry are checked against seen_at and started_at.
CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY,
    login TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX staff_sessions_login ON staff_sessions (login);
