-- The search words lose their foreign key to members. The application writes
-- them only beside the member they index, in the same transaction, and never
-- deletes a member; the key's check, one lookup and row lock a word, was a
-- third of importing 10,000 members (about 60,000 words). SQLite drops it too,
-- so both schemas stay the same.
ALTER TABLE member_words DROP CONSTRAINT member_words_association_id_member_id_fkey;
