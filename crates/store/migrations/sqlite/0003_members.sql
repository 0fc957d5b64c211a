-- Members (adhérent·es) of each association. `search` holds the folded text
-- that searches look in (names, email, city), kept by the application.
CREATE TABLE members (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    address TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    notes TEXT NOT NULL DEFAULT '',
    search TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, id)
);
CREATE INDEX members_by_name ON members (association_id, last_name, first_name, id);
CREATE INDEX members_by_email ON members (association_id, email);
