-- Foundation: associations, people, team roles, sessions, tokens, audit log, mail queue.
-- Rules: integers are BIGINT (cents, timestamps as Unix seconds); every tenant table
-- carries association_id in its primary key, unique constraints and foreign keys.

CREATE TABLE server_meta (
    key TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE associations (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    siren TEXT,
    rna TEXT,
    contact_email TEXT,
    fiscal_year_start_month BIGINT NOT NULL DEFAULT 1 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
    modules TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

CREATE TABLE association_logos (
    association_id BIGINT NOT NULL PRIMARY KEY REFERENCES associations (id),
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE counters (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    name TEXT NOT NULL,
    next BIGINT NOT NULL,
    PRIMARY KEY (association_id, name)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT,
    locale TEXT,
    totp_secret BLOB,
    totp_enabled BOOLEAN NOT NULL DEFAULT FALSE,
    is_host_operator BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL
);

CREATE TABLE recovery_codes (
    user_id BIGINT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    used_at BIGINT,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE memberships (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL CHECK (role IN ('member', 'editor', 'secretary', 'treasurer', 'administrator')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, user_id)
);

CREATE TABLE invitations (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('member', 'editor', 'secretary', 'treasurer', 'administrator')),
    token_hash TEXT NOT NULL,
    invited_by BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    accepted_at BIGINT,
    PRIMARY KEY (association_id, id),
    UNIQUE (association_id, token_hash)
);

CREATE TABLE sessions (
    id TEXT NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    current_association BIGINT REFERENCES associations (id),
    second_factor_pending BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    user_agent TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE one_time_tokens (
    token_hash TEXT NOT NULL PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('setup', 'reset')),
    user_id BIGINT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY,
    subject TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_attempts_subject ON login_attempts (subject, at);

CREATE TABLE audit_log (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    at BIGINT NOT NULL,
    actor BIGINT REFERENCES users (id),
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (association_id, id)
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE mail_queue (
    id INTEGER PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX mail_queue_due ON mail_queue (status, next_attempt_at);
