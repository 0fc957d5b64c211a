-- Files attached to vault entries (a bank mandate's scan, a recovery-codes
-- PDF, a key file). The browser encrypts each file under a key of its own and
-- seals that key, the file's name and media type under the collection's key:
-- the server keeps two opaque values and the sealed size, nothing in clear.

-- A file as listed: its sealed metadata, the collection key version it was
-- sealed under (a rotation seals it again), its sealed size (the limits).
CREATE TABLE vault_files (
    association_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    entry_id BIGINT NOT NULL,
    sealed_meta TEXT NOT NULL,
    key_version BIGINT NOT NULL,
    size BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, id),
    FOREIGN KEY (association_id, entry_id) REFERENCES vault_entries (association_id, id)
);
CREATE INDEX vault_files_by_entry ON vault_files (association_id, entry_id, id);

-- The sealed content, in a table of its own: a rotation rewrites the
-- metadata row, and a row is rewritten whole, so the megabytes stay apart.
CREATE TABLE vault_file_contents (
    association_id BIGINT NOT NULL,
    file_id BIGINT NOT NULL,
    content BYTEA NOT NULL,
    PRIMARY KEY (association_id, file_id),
    FOREIGN KEY (association_id, file_id) REFERENCES vault_files (association_id, id)
);
