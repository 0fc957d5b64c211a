-- PostgreSQL gets a covering index for the member list here; SQLite reads
-- its rows fast enough from the existing one (kept as it is).
CREATE INDEX IF NOT EXISTS members_by_name ON members (association_id, last_name, first_name, id);
