-- Double-entry books: the association's accounts, fiscal years, analytic
-- projects, entries and their lines, attachments, budgets, recurring entries.

-- The chart of accounts lives in the binary (domain::accounting::chart); this
-- table holds what the association adds (sub-accounts) or changes (a label,
-- hidden, a bank account's IBAN) on top of it.
CREATE TABLE accounts (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    code TEXT NOT NULL,
    -- '' keeps the chart's label.
    label TEXT NOT NULL DEFAULT '',
    hidden BOOLEAN NOT NULL DEFAULT FALSE,
    iban TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (association_id, code)
);

-- An exercice. Closing fills closed_at and seals its entries in a hash chain
-- that starts at first_hash and ends at last_hash.
CREATE TABLE fiscal_years (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    closed_at BIGINT,
    closed_by BIGINT REFERENCES users (id),
    first_hash TEXT,
    last_hash TEXT,
    PRIMARY KEY (association_id, id),
    UNIQUE (association_id, starts_on)
);

-- Analytic projects: a subsidy, an event, a festival.
CREATE TABLE projects (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    archived BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (association_id, id),
    UNIQUE (association_id, name)
);

-- An entry. `number` is its place in the year (FEC EcritureNum), given in
-- date order when the year is closed; `hash` seals it then.
CREATE TABLE entries (
    association_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    year_id BIGINT NOT NULL,
    number BIGINT,
    on_date TEXT NOT NULL,
    journal TEXT NOT NULL,
    label TEXT NOT NULL,
    reference TEXT NOT NULL DEFAULT '',
    -- How it came: simple, advanced, opening, dues, reversal, import, bank, recurring.
    origin TEXT NOT NULL,
    reverses BIGINT,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    hash TEXT,
    PRIMARY KEY (association_id, id),
    FOREIGN KEY (association_id, year_id) REFERENCES fiscal_years (association_id, id)
);
CREATE INDEX entries_by_date ON entries (association_id, year_id, on_date, id);

-- The lines; the year and date are repeated here so the ledger of one
-- account and the trial balance read one index, in date order, without a join.
CREATE TABLE entry_lines (
    association_id BIGINT NOT NULL,
    entry_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    year_id BIGINT NOT NULL,
    on_date TEXT NOT NULL,
    account TEXT NOT NULL,
    debit_cents BIGINT NOT NULL,
    credit_cents BIGINT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    project_id BIGINT,
    PRIMARY KEY (association_id, entry_id, position),
    FOREIGN KEY (association_id, entry_id) REFERENCES entries (association_id, id)
);
CREATE INDEX entry_lines_by_account ON entry_lines (association_id, year_id, account, on_date, entry_id);
-- Each account's totals per year, kept with every entry written: the trial
-- balance and the statements read these few rows, not every line.
CREATE TABLE account_totals (
    association_id BIGINT NOT NULL,
    year_id BIGINT NOT NULL,
    account TEXT NOT NULL,
    debit_cents BIGINT NOT NULL,
    credit_cents BIGINT NOT NULL,
    PRIMARY KEY (association_id, year_id, account),
    FOREIGN KEY (association_id, year_id) REFERENCES fiscal_years (association_id, id)
);
CREATE INDEX entry_lines_by_project ON entry_lines (association_id, project_id) WHERE project_id IS NOT NULL;

-- Receipts and invoices attached to an entry (PDF, JPEG, PNG), kept in the
-- database so a backup carries them.
CREATE TABLE attachments (
    association_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    entry_id BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    bytes BLOB NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, id),
    FOREIGN KEY (association_id, entry_id) REFERENCES entries (association_id, id)
);
CREATE INDEX attachments_by_entry ON attachments (association_id, entry_id);

-- The budget of a year, per account, for the whole association (project 0) or a project.
CREATE TABLE budgets (
    association_id BIGINT NOT NULL,
    year_id BIGINT NOT NULL,
    project_id BIGINT NOT NULL DEFAULT 0,
    account TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    PRIMARY KEY (association_id, year_id, project_id, account),
    FOREIGN KEY (association_id, year_id) REFERENCES fiscal_years (association_id, id)
);

-- An entry written again every `every_months` months from `next_on`.
CREATE TABLE recurring_entries (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    label TEXT NOT NULL,
    every_months BIGINT NOT NULL,
    next_on TEXT NOT NULL,
    ends_on TEXT,
    -- The lines, one per line: account, debit cents, credit cents, project (tab separated).
    lines TEXT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    archived BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (association_id, id)
);

-- A payment's ledger entry, the other way round.
CREATE INDEX payments_by_entry ON payments (association_id, entry_id) WHERE entry_id IS NOT NULL;

-- Files brought in (FEC, journals): the same file twice is refused.
CREATE TABLE imported_files (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    file_name TEXT NOT NULL,
    imported_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, kind, sha256)
);
