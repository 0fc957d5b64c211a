-- The access registry (the outside accounts the association depends on, who
-- holds each) and handovers (passations) from one officer to the next.

CREATE TABLE access_accounts (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    -- registrar, dns, hosting, mailbox, bank, payments, social, insurer, prefecture, phone, other.
    kind TEXT NOT NULL,
    service TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    login TEXT NOT NULL DEFAULT '',
    -- unknown, none, sms, app, key.
    two_factor TEXT NOT NULL DEFAULT 'unknown',
    recovery TEXT NOT NULL DEFAULT '',
    critical BOOLEAN NOT NULL,
    expires_on TEXT,
    verified_on TEXT,
    -- The vault entry holding its secret (the vault keeps it encrypted).
    vault_entry_id BIGINT,
    notes TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, id)
);

-- Who holds an account. A person who leaves the team stays listed (the
-- registry then flags the account) until someone takes the access over.
CREATE TABLE access_holders (
    association_id BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    PRIMARY KEY (association_id, account_id, user_id),
    FOREIGN KEY (association_id, account_id) REFERENCES access_accounts (association_id, id)
);
CREATE INDEX access_holders_by_user ON access_holders (association_id, user_id);

-- The association's own mail domains (a login elsewhere is a person's), and
-- whether reminders are sent.
CREATE TABLE access_settings (
    association_id BIGINT NOT NULL PRIMARY KEY REFERENCES associations (id),
    domains TEXT NOT NULL DEFAULT '',
    reminders BOOLEAN NOT NULL DEFAULT TRUE
);

-- Reminders sent, one per account, subject (expiry, verification) and date.
CREATE TABLE access_reminders (
    association_id BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    due TEXT NOT NULL,
    due_on TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, account_id, due, due_on),
    FOREIGN KEY (association_id, account_id) REFERENCES access_accounts (association_id, id)
);

-- A handover: the office changing hands, who leaves, who comes in.
CREATE TABLE handovers (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    office TEXT NOT NULL,
    leaving_user BIGINT NOT NULL REFERENCES users (id),
    incoming_user BIGINT REFERENCES users (id),
    started_by BIGINT REFERENCES users (id),
    started_at BIGINT NOT NULL,
    completed_at BIGINT,
    notes TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (association_id, id)
);

-- Its checklist, built from the registry when it starts. `subject` is what
-- the step names (an account's service as it was then); no foreign key to
-- the account so the record outlives it.
CREATE TABLE handover_steps (
    association_id BIGINT NOT NULL,
    handover_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    account_id BIGINT,
    subject TEXT NOT NULL DEFAULT '',
    done_at BIGINT,
    done_by BIGINT REFERENCES users (id),
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (association_id, handover_id, position),
    FOREIGN KEY (association_id, handover_id) REFERENCES handovers (association_id, id)
);
