-- What happened is now recorded as data, and sentences are made when a document or page is
-- rendered, in the reader's language. Each column holds JSON; NULL in rows written before this
-- version, which keep their English sentence (`text`, `failure`) and are shown as they were.
-- `verify` compares these columns only where the stored row has them.
ALTER TABLE list_events ADD COLUMN detail TEXT;
ALTER TABLE meetings ADD COLUMN failed TEXT;
ALTER TABLE notifications ADD COLUMN notice TEXT;
