-- The members' unique IIN and phone become named indexes instead of constraints, so that a
-- registry loaded into an empty table can drop them for the load and build them once at its end
-- (see crates/store/src/member_bulk.rs).
ALTER TABLE members DROP CONSTRAINT members_iin_key;
ALTER TABLE members DROP CONSTRAINT members_phone_key;
CREATE UNIQUE INDEX members_iin ON members (iin);
CREATE UNIQUE INDEX members_phone ON members (phone);
