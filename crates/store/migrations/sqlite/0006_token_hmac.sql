-- Codes and session tokens are now stored as HMAC-SHA-256 under a key derived from the site
-- secret (not in the database), no longer as bare SHA-256. Rows stored the old way can never
-- match again, and a bare hash of an unused code could be cracked offline from a backup: they
-- go. Codes handed out before this version stop working: the desk reissues them.
DELETE FROM sessions;
DELETE FROM vote_credentials;
