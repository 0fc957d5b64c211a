-- The search words lose their foreign key to members, as on PostgreSQL, where
-- its check was a third of importing 10,000 members. The application writes
-- them only beside the member they index, in the same transaction, and never
-- deletes a member. SQLite cannot drop a constraint: the table is rebuilt.
CREATE TABLE member_words_new (
    association_id BIGINT NOT NULL,
    word TEXT NOT NULL,
    member_id BIGINT NOT NULL,
    PRIMARY KEY (association_id, word, member_id)
);
INSERT INTO member_words_new (association_id, word, member_id)
    SELECT association_id, word, member_id FROM member_words;
DROP TABLE member_words;
ALTER TABLE member_words_new RENAME TO member_words;
