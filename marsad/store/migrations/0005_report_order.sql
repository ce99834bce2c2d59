-- Reports of an event and figures of a claim are listed oldest first, a page
-- at a time: each row carries its document's publication date and outlet (a
-- document's facts are rewritten whenever the document is), so that the
-- first page of a cluster or claim with thousands of reports is read from an
-- index instead of sorting all of them joined to their documents.
ALTER TABLE events ADD COLUMN published TEXT;
ALTER TABLE events ADD COLUMN source TEXT;
ALTER TABLE figures ADD COLUMN published TEXT;
ALTER TABLE figures ADD COLUMN source TEXT;
UPDATE events SET published = (SELECT d.published FROM documents d WHERE d.id = events.doc_id),
                  source = (SELECT d.source FROM documents d WHERE d.id = events.doc_id);
UPDATE figures SET published = (SELECT d.published FROM documents d WHERE d.id = figures.doc_id),
                   source = (SELECT d.source FROM documents d WHERE d.id = figures.doc_id);
CREATE INDEX events_cluster_order ON events (cluster_id, published, id);
DROP INDEX events_cluster;
CREATE INDEX figures_claim_order ON figures (claim_key, published, id);
DROP INDEX figures_claim;
-- Event reports of one type, in date order (the API's events?type=…).
CREATE INDEX events_type_date ON events (type, date, id);
-- The subject pairs a metric is stated for, counted from an index.
CREATE INDEX claims_metric_subject ON claims (metric, subject);
