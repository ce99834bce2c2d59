-- Documents of an entity, most mentions first, straight from the index (a
-- search for a known name ranks by it).
CREATE INDEX doc_entities_rank ON doc_entities (entity_id, mentions DESC, doc_id);
