-- Full-text search over normalized text (marsad.text.match_key): FTS5 with
-- the trigram tokenizer, so a name inside a word with proclitics
-- ("وكازاخستان", "الكازاخستاني") is found by a substring query.
CREATE VIRTUAL TABLE documents_fts USING fts5 (body, tokenize = 'trigram');
