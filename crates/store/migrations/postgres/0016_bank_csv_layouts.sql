-- The columns a bank account's CSV files were last read with, per header
-- row: the next file laid out the same way is read the same way, without
-- choosing its columns again. `layout` is bank::CsvLayout::to_code's line;
-- `headers` the header row, cells joined by U+001F.
CREATE TABLE bank_csv_layouts (
    association_id BIGINT NOT NULL REFERENCES associations (id),
    account TEXT NOT NULL,
    headers TEXT NOT NULL,
    layout TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (association_id, account, headers)
);
