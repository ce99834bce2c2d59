-- Counters that let a document join claims and event clusters without
-- re-reading everything already in them: each figure's range of consistent
-- values, each claim's common range and outlets, each cluster's counts.
ALTER TABLE figures ADD COLUMN lo DOUBLE PRECISION;
ALTER TABLE figures ADD COLUMN hi DOUBLE PRECISION;
ALTER TABLE claims ADD COLUMN max_lo DOUBLE PRECISION;
ALTER TABLE claims ADD COLUMN min_hi DOUBLE PRECISION;
ALTER TABLE claims ADD COLUMN sources TEXT;
ALTER TABLE event_clusters ADD COLUMN stats TEXT;
