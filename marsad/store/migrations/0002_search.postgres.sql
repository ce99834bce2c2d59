-- Full-text search over normalized text (marsad.text.match_key): trigram
-- index (pg_trgm) so that substring queries ("كازاخستان" inside
-- "وكازاخستان") use the index.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
CREATE TABLE documents_fts (
    rowkey INTEGER PRIMARY KEY,
    body TEXT NOT NULL
);
CREATE INDEX documents_fts_body ON documents_fts USING gin (body public.gin_trgm_ops);
