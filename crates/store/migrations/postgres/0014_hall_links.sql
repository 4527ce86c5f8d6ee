-- The generation of a meeting's hall links (projector view, kiosk): the links are derived from
-- the site secret and this number, never stored; renew_projector_link raises it.
ALTER TABLE meetings ADD COLUMN projector_generation BIGINT NOT NULL DEFAULT 0;
