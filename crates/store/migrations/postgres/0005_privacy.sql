-- Self-service, RGPD (consents, register, retention, erasure) and saved searches.

-- A member's own account: the person who logs in to see and correct their record.
ALTER TABLE members ADD COLUMN user_id BIGINT REFERENCES users (id);
CREATE UNIQUE INDEX members_by_user ON members (association_id, user_id);
-- When the identity was removed (retention rule or erasure); the row stays for the books.
ALTER TABLE members ADD COLUMN pseudonymised_at BIGINT;

-- What a member may consent to (newsletter, photos, directory, and the association's own),
-- with the text shown and its version (bumped when the text changes).
CREATE TABLE consent_purposes (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    text TEXT NOT NULL,
    version BIGINT NOT NULL,
    archived BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (association_id, id),
    UNIQUE (association_id, code)
);

-- Every consent given or withdrawn, never changed: the latest per purpose counts.
CREATE TABLE consents (
    association_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    member_id BIGINT NOT NULL,
    purpose_id BIGINT NOT NULL,
    granted BOOLEAN NOT NULL,
    version BIGINT NOT NULL,
    source TEXT NOT NULL,
    at BIGINT NOT NULL,
    recorded_by BIGINT REFERENCES users (id),
    PRIMARY KEY (association_id, id),
    FOREIGN KEY (association_id, member_id) REFERENCES members (association_id, id),
    FOREIGN KEY (association_id, purpose_id) REFERENCES consent_purposes (association_id, id)
);
CREATE INDEX consents_by_member ON consents (association_id, member_id, purpose_id, id);

-- The register of processing activities (RGPD article 30).
CREATE TABLE processing_activities (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    purpose TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    data_subjects TEXT NOT NULL,
    data_categories TEXT NOT NULL,
    recipients TEXT NOT NULL,
    retention TEXT NOT NULL,
    security TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, id)
);

-- How long data is kept: former members are pseudonymised this many years
-- after the end of their last membership (or their record's creation).
CREATE TABLE retention_settings (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    former_member_years BIGINT NOT NULL DEFAULT 3,
    enabled BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (association_id)
);

-- A member's request to be erased, and what became of it.
CREATE TABLE erasure_requests (
    association_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    member_id BIGINT NOT NULL,
    requested_at BIGINT NOT NULL,
    requested_by BIGINT REFERENCES users (id),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'refused')),
    decided_at BIGINT,
    decided_by BIGINT REFERENCES users (id),
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (association_id, id),
    FOREIGN KEY (association_id, member_id) REFERENCES members (association_id, id)
);

-- A search of the member list kept under a name (the list's query string).
CREATE TABLE saved_searches (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    shared BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, id),
    UNIQUE (association_id, user_id, name)
);

-- Fields an association adds to its member records, and their values.
CREATE TABLE member_fields (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    label TEXT NOT NULL,
    kind TEXT NOT NULL,
    choices TEXT NOT NULL DEFAULT '',
    required BOOLEAN NOT NULL DEFAULT FALSE,
    position BIGINT NOT NULL,
    member_sees BOOLEAN NOT NULL DEFAULT FALSE,
    member_edits BOOLEAN NOT NULL DEFAULT FALSE,
    in_directory BOOLEAN NOT NULL DEFAULT FALSE,
    archived BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (association_id, id)
);
CREATE TABLE member_field_values (
    association_id BIGINT NOT NULL,
    member_id BIGINT NOT NULL,
    field_id BIGINT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (association_id, member_id, field_id),
    FOREIGN KEY (association_id, member_id) REFERENCES members (association_id, id),
    FOREIGN KEY (association_id, field_id) REFERENCES member_fields (association_id, id)
);
