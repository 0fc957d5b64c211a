-- The columns a bank account's CSV files were last read with, per header
-- row: the next file laid out the same way is read the same way, without
-- choosing its columns again. `layout` is bank::CsvLayout::to_code's line;
-- `headers_sha256` the SHA-256 of the header row (bank::CsvPreview::headers_key),
-- never the row itself: a file without headers has a payer's line there.
-- The store keeps the last ten layouts of an account.
CREATE TABLE bank_csv_layouts (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    account TEXT NOT NULL,
    headers_sha256 TEXT NOT NULL,
    layout TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, account, headers_sha256)
);
