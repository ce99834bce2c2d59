-- The sides of a conflicting claim are stored at ingest: each figure's side
-- (figures.side, numbered as rs.assess_claim numbers them) and each side's
-- values, outlets and attributions (claims.sides, JSON), so that listing
-- conflicts reads the first figures of each side from an index instead of
-- every figure of every claim. Existing claims are reassessed after this
-- migration (Store._after_migration).
ALTER TABLE claims ADD COLUMN sides TEXT;
CREATE INDEX figures_claim_side ON figures (claim_key, side, published, id);
DROP INDEX figures_claim_order;
-- Likely errors are listed newest first: each carries its document's date
-- (indexed in 0007, whose index differs between the engines).
ALTER TABLE likely_errors ADD COLUMN published TEXT;
UPDATE likely_errors SET published = (SELECT d.published FROM documents d WHERE d.id = likely_errors.doc_id);
-- (entity_id, doc_id) is served by doc_entities_rank (entity_id, mentions, doc_id).
DROP INDEX doc_entities_entity;
