-- An account's ledger pages and the balance carried before a page read this
-- index alone: it holds the full order (with the line's position) and the
-- amounts. It replaces entry_lines_by_account, its prefix.
CREATE INDEX entry_lines_ledger ON entry_lines (association_id, year_id, account, on_date, entry_id, position)
    INCLUDE (debit_cents, credit_cents);
DROP INDEX entry_lines_by_account;
