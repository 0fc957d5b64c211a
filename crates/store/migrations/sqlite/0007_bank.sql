-- Bank statements: each file imported into a bank account, its lines (each
-- kept once per account, whatever file brings it again), the ledger entry a
-- line is reconciled with, and the rules that turn a line into an entry.

-- One statement file imported into one bank account of the chart (512, 5121…).
-- The balances are the file's, when it gives them; line_count is how many
-- lines the file held (those already known included).
CREATE TABLE statement_imports (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    account TEXT NOT NULL,
    file_name TEXT NOT NULL,
    -- csv, ofx, qif, camt053, cfonb120.
    format TEXT NOT NULL,
    imported_at BIGINT NOT NULL,
    imported_by BIGINT REFERENCES users (id),
    opening_cents BIGINT,
    opening_on TEXT,
    closing_cents BIGINT,
    closing_on TEXT,
    line_count BIGINT NOT NULL,
    PRIMARY KEY (association_id, id)
);
CREATE INDEX statement_imports_by_account ON statement_imports (association_id, account, id);

-- A line of a statement: money in (cents > 0) or out (cents < 0) of the
-- account. The fingerprint (bank::fingerprint) is unique per account, so the
-- same line never comes twice; entry_id is the entry it is reconciled with.
CREATE TABLE statement_lines (
    association_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    import_id BIGINT NOT NULL,
    account TEXT NOT NULL,
    on_date TEXT NOT NULL,
    value_date TEXT,
    cents BIGINT NOT NULL,
    label TEXT NOT NULL,
    reference TEXT NOT NULL DEFAULT '',
    bank_id TEXT,
    fingerprint TEXT NOT NULL,
    entry_id BIGINT,
    PRIMARY KEY (association_id, id),
    UNIQUE (association_id, account, fingerprint),
    FOREIGN KEY (association_id, import_id) REFERENCES statement_imports (association_id, id),
    FOREIGN KEY (association_id, entry_id) REFERENCES entries (association_id, id)
);
-- The lines of an account, those to reconcile first, in date order.
CREATE INDEX statement_lines_by_account ON statement_lines (association_id, account, on_date, id);
-- An entry is reconciled with at most one line of an account.
CREATE UNIQUE INDEX statement_lines_by_entry ON statement_lines (association_id, account, entry_id)
    WHERE entry_id IS NOT NULL;

-- "A label containing `contains` goes to `account`": the counterpart of the
-- entry a line makes (6061 for the electricity bill). `contains` is compared
-- without case, accents or punctuation; label '' keeps the line's label.
-- Rules are tried in `position` order.
CREATE TABLE bank_rules (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    contains TEXT NOT NULL,
    account TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    position BIGINT NOT NULL,
    PRIMARY KEY (association_id, id)
);

-- Uploads wait for their check page; a statement's is not a member list.
ALTER TABLE import_uploads ADD COLUMN kind TEXT NOT NULL DEFAULT 'members';
