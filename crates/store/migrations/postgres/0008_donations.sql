-- Gifts and their tax receipts (reçus fiscaux).

-- Who gives: a person (last name, first names) or an organisation (name,
-- legal form, SIREN), with the address a receipt carries; possibly a member.
CREATE TABLE donors (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    member_id BIGINT,
    -- individual or organisation.
    kind TEXT NOT NULL,
    last_name TEXT NOT NULL DEFAULT '',
    first_names TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    legal_form TEXT NOT NULL DEFAULT '',
    siren TEXT,
    address TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    city TEXT NOT NULL,
    email TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, id),
    FOREIGN KEY (association_id, member_id) REFERENCES members (association_id, id)
);
CREATE INDEX donors_by_name ON donors (association_id, last_name, organisation);

-- A receipt: its order number (`2026-0001`, per association, never reused),
-- the period of the gifts it covers (one day for a single gift, the year for
-- a cumulative one), their total, the article cited, and the PDF as issued:
-- later changes of settings or donor never alter it. A cancelled receipt is
-- kept, flagged, and points at the one replacing it (no foreign key: a
-- restore inserts rows in id order).
CREATE TABLE receipts (
    association_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    number TEXT NOT NULL,
    year BIGINT NOT NULL,
    donor_id BIGINT NOT NULL,
    issued_on TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    cumulative BOOLEAN NOT NULL,
    total_cents BIGINT NOT NULL,
    -- 200, 238bis or 978.
    article TEXT NOT NULL,
    cancelled_at BIGINT,
    replaced_by BIGINT,
    pdf BYTEA NOT NULL,
    -- The signatory's name and capacity as printed.
    signed_by TEXT NOT NULL,
    issued_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, id),
    UNIQUE (association_id, number),
    FOREIGN KEY (association_id, donor_id) REFERENCES donors (association_id, id)
);
CREATE INDEX receipts_by_donor ON receipts (association_id, donor_id, period_start);
CREATE INDEX receipts_by_period ON receipts (association_id, period_start);

-- A gift. `entry_id` is its ledger entry (none while no open year covers its
-- date; an entry finds its gift through donations_by_entry, as for payments),
-- `receipt_id` the valid receipt covering it.
CREATE TABLE donations (
    association_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    donor_id BIGINT NOT NULL,
    received_on TEXT NOT NULL,
    cents BIGINT NOT NULL CHECK (cents > 0),
    -- manual, authentic, private, other.
    form TEXT NOT NULL,
    -- money, securities, income, expenses, kind.
    nature TEXT NOT NULL,
    -- For money: cash, cheque, transfer, card, debit, helloasso.
    method TEXT,
    article TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    entry_id BIGINT,
    receipt_id BIGINT,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    PRIMARY KEY (association_id, id),
    FOREIGN KEY (association_id, donor_id) REFERENCES donors (association_id, id),
    FOREIGN KEY (association_id, receipt_id) REFERENCES receipts (association_id, id)
);
CREATE INDEX donations_by_date ON donations (association_id, received_on, id);
CREATE INDEX donations_by_donor ON donations (association_id, donor_id, received_on);
CREATE INDEX donations_by_receipt ON donations (association_id, receipt_id) WHERE receipt_id IS NOT NULL;
CREATE INDEX donations_by_entry ON donations (association_id, entry_id) WHERE entry_id IS NOT NULL;

-- What receipts say of the association besides its name, address, SIREN or
-- RNA (in `associations`): its object, the category ticked, who signs, the
-- signature image, and the accounts gifts are booked on.
CREATE TABLE receipt_settings (
    association_id BIGINT NOT NULL PRIMARY KEY REFERENCES associations (id),
    object TEXT NOT NULL,
    category TEXT NOT NULL,
    decree_on TEXT,
    journal_on TEXT,
    other_category TEXT NOT NULL DEFAULT '',
    signatory_name TEXT NOT NULL,
    signatory_capacity TEXT NOT NULL,
    signature_type TEXT,
    signature BYTEA,
    donations_account TEXT NOT NULL DEFAULT '7541',
    fees_account TEXT NOT NULL DEFAULT '75412',
    updated_at BIGINT NOT NULL
);

-- Links emailed to donors: the receipt's PDF at /receipts/{association}-{secret};
-- only the secret's SHA-256 is kept.
CREATE TABLE receipt_links (
    association_id BIGINT NOT NULL,
    token_hash TEXT NOT NULL,
    receipt_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, token_hash),
    FOREIGN KEY (association_id, receipt_id) REFERENCES receipts (association_id, id)
);
