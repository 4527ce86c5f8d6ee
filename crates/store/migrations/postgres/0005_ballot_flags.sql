-- A retry gets back the receipt as first issued: the box keeps the flag the receipt signed
-- (no device nonce) until the seal, when the live rows are rewritten without it.
ALTER TABLE ballot_box ADD COLUMN server_only INTEGER NOT NULL DEFAULT 0;
