-- A bank account's page lists its lines to reconcile first, each part in
-- date order: this index holds that order (false, not reconciled, sorts
-- first), so a page is read off it instead of sorting every line of the
-- account. entry_id is carried so the expression can be read from the index.
CREATE INDEX statement_lines_to_reconcile ON statement_lines
    (association_id, account, (entry_id IS NOT NULL), on_date, id) INCLUDE (entry_id);
