-- Members (adhérent·es) of each association.
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
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, id)
);
CREATE INDEX members_by_name ON members (association_id, last_name, first_name, id);
CREATE INDEX members_by_city ON members (association_id, city, last_name, first_name, id);
CREATE INDEX members_by_email ON members (association_id, email);

-- The words a member is found by (names, email, city: lower case, no
-- accents), kept by the application. A search for "mart" is a range scan
-- word >= 'mart' AND word < 'mart' || U+10FFFF, in byte order on both backends.
CREATE TABLE member_words (
    association_id BIGINT NOT NULL,
    word TEXT COLLATE "C" NOT NULL,
    member_id BIGINT NOT NULL,
    PRIMARY KEY (association_id, word, member_id),
    FOREIGN KEY (association_id, member_id) REFERENCES members (association_id, id)
);
