-- Member categories, households, membership types, periods, payments and reminders.

-- Categories or groups ("étudiant·e", "bureau", "bienfaiteur"); a member may be in several.
CREATE TABLE categories (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (association_id, id),
    UNIQUE (association_id, name)
);
CREATE TABLE member_categories (
    association_id BIGINT NOT NULL,
    member_id BIGINT NOT NULL,
    category_id BIGINT NOT NULL,
    PRIMARY KEY (association_id, member_id, category_id),
    FOREIGN KEY (association_id, member_id) REFERENCES members (association_id, id),
    FOREIGN KEY (association_id, category_id) REFERENCES categories (association_id, id)
);
CREATE INDEX member_categories_by_category ON member_categories (association_id, category_id, member_id);

-- A household: each person in it points at the member who pays for it.
CREATE TABLE households (
    association_id BIGINT NOT NULL,
    member_id BIGINT NOT NULL,
    payer_id BIGINT NOT NULL,
    PRIMARY KEY (association_id, member_id),
    FOREIGN KEY (association_id, member_id) REFERENCES members (association_id, id),
    FOREIGN KEY (association_id, payer_id) REFERENCES members (association_id, id)
);
CREATE INDEX households_by_payer ON households (association_id, payer_id);

-- The last day a member's memberships cover ('9999-12-31' for life, NULL
-- never), kept by the application so the list filters by status with an index.
ALTER TABLE members ADD COLUMN paid_until TEXT;
CREATE INDEX members_by_paid_until ON members (association_id, paid_until);

CREATE TABLE dues_types (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    name TEXT NOT NULL,
    rule TEXT NOT NULL,
    season_month BIGINT,
    season_day BIGINT,
    fixed_start TEXT,
    fixed_end TEXT,
    tariff TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    household BOOLEAN NOT NULL DEFAULT FALSE,
    account TEXT NOT NULL DEFAULT '756',
    archived BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (association_id, id),
    UNIQUE (association_id, name)
);
CREATE TABLE dues_type_prices (
    association_id BIGINT NOT NULL,
    type_id BIGINT NOT NULL,
    category_id BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL,
    PRIMARY KEY (association_id, type_id, category_id),
    FOREIGN KEY (association_id, type_id) REFERENCES dues_types (association_id, id),
    FOREIGN KEY (association_id, category_id) REFERENCES categories (association_id, id)
);

-- Money received. `entry_id` is the ledger entry once the accounting
-- module has posted it (NULL until then): recording and posting stay apart.
CREATE TABLE payments (
    association_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    member_id BIGINT NOT NULL,
    type_id BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL,
    paid_on TEXT NOT NULL,
    method TEXT NOT NULL,
    reference TEXT NOT NULL DEFAULT '',
    recorded_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    entry_id BIGINT,
    PRIMARY KEY (association_id, id),
    FOREIGN KEY (association_id, member_id) REFERENCES members (association_id, id),
    FOREIGN KEY (association_id, type_id) REFERENCES dues_types (association_id, id)
);
CREATE INDEX payments_by_member ON payments (association_id, member_id, paid_on);
CREATE INDEX payments_unposted ON payments (association_id, entry_id);

-- A period of membership of one person; a household payment gives one to each person.
CREATE TABLE dues_periods (
    association_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    member_id BIGINT NOT NULL,
    type_id BIGINT NOT NULL,
    payment_id BIGINT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    PRIMARY KEY (association_id, id),
    FOREIGN KEY (association_id, member_id) REFERENCES members (association_id, id),
    FOREIGN KEY (association_id, type_id) REFERENCES dues_types (association_id, id),
    FOREIGN KEY (association_id, payment_id) REFERENCES payments (association_id, id)
);
CREATE INDEX dues_periods_by_member ON dues_periods (association_id, member_id, end_date);
CREATE INDEX dues_periods_by_type ON dues_periods (association_id, type_id, end_date);

CREATE TABLE dues_settings (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    due_soon_days BIGINT NOT NULL DEFAULT 30,
    grace_days BIGINT NOT NULL DEFAULT 90,
    reminder_offsets TEXT NOT NULL DEFAULT '-30, 0, 15',
    reminders_enabled BOOLEAN NOT NULL DEFAULT FALSE,
    reminder_subject TEXT NOT NULL DEFAULT '',
    reminder_body TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (association_id)
);

-- Reminders queued, one per member, period end and offset: never twice.
CREATE TABLE reminders_sent (
    association_id BIGINT NOT NULL,
    member_id BIGINT NOT NULL,
    period_end TEXT NOT NULL,
    offset_days BIGINT NOT NULL,
    mail_id BIGINT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, member_id, period_end, offset_days),
    FOREIGN KEY (association_id, member_id) REFERENCES members (association_id, id)
);

-- What an audit entry is about ("member:12"), for a record's history page.
ALTER TABLE audit_log ADD COLUMN subject TEXT;
CREATE INDEX audit_log_by_subject ON audit_log (association_id, subject, id);

-- A file uploaded for import, kept between the mapping and the apply steps
-- (deleted once applied, or after a day by the hourly job).
CREATE TABLE import_uploads (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    file_name TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, id)
);
