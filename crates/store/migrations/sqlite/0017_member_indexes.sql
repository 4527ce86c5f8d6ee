-- The members' unique IIN and phone become named indexes instead of inline constraints, so that
-- a registry loaded into an empty table can drop them for the load and build them once at its
-- end (see crates/store/src/member_bulk.rs). SQLite cannot drop an inline constraint's index:
-- the table is rebuilt with the same columns and rows.
CREATE TABLE members_rebuilt (
    id INTEGER PRIMARY KEY,
    iin TEXT NOT NULL,
    full_name TEXT NOT NULL,
    phone TEXT NOT NULL,
    unit TEXT NOT NULL,
    status TEXT NOT NULL,
    joined_on TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    sex TEXT NOT NULL
);
INSERT INTO members_rebuilt (id, iin, full_name, phone, unit, status, joined_on, birth_date, sex)
SELECT id, iin, full_name, phone, unit, status, joined_on, birth_date, sex FROM members;
DROP TABLE members;
ALTER TABLE members_rebuilt RENAME TO members;
CREATE UNIQUE INDEX members_iin ON members (iin);
CREATE UNIQUE INDEX members_phone ON members (phone);
CREATE INDEX members_unit ON members (unit, status);
