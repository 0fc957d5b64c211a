-- The digital-hygiene check-up: its settings (the domain watched), its runs
-- (questionnaire answers and the automated checks' report), the alerts sent.

-- The association's domain and whether it is re-checked on a schedule. The
-- last scheduled report is kept to compare the next one with.
CREATE TABLE checkup_settings (
    association_id BIGINT NOT NULL PRIMARY KEY REFERENCES associations (id),
    domain TEXT NOT NULL DEFAULT '',
    watch BOOLEAN NOT NULL DEFAULT TRUE,
    every_days BIGINT NOT NULL DEFAULT 7,
    last_checked_at BIGINT,
    last_report TEXT
);

-- One check-up: the questionnaire answered by the team and, when a domain
-- was given, the automated checks. `check_state`: none, running, done.
-- `report` is the checks' report as versioned JSON (crate checkup).
CREATE TABLE checkup_runs (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users (id),
    domain TEXT NOT NULL DEFAULT '',
    check_state TEXT NOT NULL DEFAULT 'none',
    check_started_at BIGINT,
    report TEXT,
    PRIMARY KEY (association_id, id)
);

-- The current answer to each question of a run: who gave it and when.
CREATE TABLE checkup_answers (
    association_id BIGINT NOT NULL,
    run_id BIGINT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    answered_by BIGINT REFERENCES users (id),
    answered_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, run_id, question),
    FOREIGN KEY (association_id, run_id) REFERENCES checkup_runs (association_id, id)
);

-- Alerts sent by the watch, each once: `alert` names it and what it is about
-- (`certificate:2026-10-01`, `mail.dmarc:1767225600`…).
CREATE TABLE checkup_alerts (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    alert TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, alert)
);
