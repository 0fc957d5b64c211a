-- A bank account's page lists its lines to reconcile first, each part in
-- date order: this index holds that order (0, not reconciled, sorts first),
-- so a page is read off it instead of sorting every line of the account.
-- SQLite uses an index on an expression when the query writes it the same,
-- and reads the page off it alone only when entry_id is in it too.
CREATE INDEX statement_lines_to_reconcile ON statement_lines
    (association_id, account, (entry_id IS NOT NULL), on_date, id, entry_id);
