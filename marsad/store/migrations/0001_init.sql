-- marsad knowledge base, schema 1: one schema for SQLite and PostgreSQL.
-- Facts are stored per document (replaced as a whole when a document's text
-- changes); entities, claims and event clusters are shared across documents.

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    rowkey INTEGER NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    record_sha TEXT NOT NULL,
    source TEXT,
    published TEXT,
    month TEXT,
    url TEXT,
    title TEXT,
    language TEXT,
    chars INTEGER,
    text TEXT,
    n_entities INTEGER NOT NULL DEFAULT 0,
    n_events INTEGER NOT NULL DEFAULT 0,
    n_figures INTEGER NOT NULL DEFAULT 0,
    record TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_source ON documents (source, published);
CREATE INDEX documents_month ON documents (month, source);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    type TEXT,
    name_en TEXT,
    name_ar TEXT,
    wikidata TEXT,
    name_key TEXT,
    name_en_key TEXT,
    documents INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_name_key ON entities (name_key);
CREATE INDEX entities_name_en_key ON entities (name_en_key);
CREATE INDEX entities_documents ON entities (documents, type);

-- Every id seen in a record, pointing at its entity row (a marsad: id whose
-- normalized Arabic name agrees with an existing entity points at that one).
CREATE TABLE entity_aliases (
    alias TEXT PRIMARY KEY,
    entity_id TEXT NOT NULL
);
CREATE INDEX entity_aliases_entity ON entity_aliases (entity_id);

-- Spellings seen in mentions, with how many mentions used each.
CREATE TABLE entity_spellings (
    entity_id TEXT NOT NULL,
    text TEXT NOT NULL,
    key TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (entity_id, text)
);
CREATE INDEX entity_spellings_key ON entity_spellings (key);

CREATE TABLE doc_entities (
    doc_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (doc_id, entity_id)
);
CREATE INDEX doc_entities_entity ON doc_entities (entity_id, doc_id);

CREATE TABLE event_clusters (
    id TEXT PRIMARY KEY,
    type TEXT,
    mode TEXT,
    date TEXT,
    dates TEXT,
    year TEXT,
    status TEXT,
    actors TEXT,
    location TEXT,
    n_reports INTEGER NOT NULL DEFAULT 0,
    n_sources INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX event_clusters_type_year ON event_clusters (type, year);
CREATE INDEX event_clusters_date ON event_clusters (date);

CREATE TABLE cluster_actors (
    cluster_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (cluster_id, entity_id)
);
CREATE INDEX cluster_actors_entity ON cluster_actors (entity_id, cluster_id);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    type TEXT,
    mode TEXT,
    actors TEXT,
    source_actor TEXT,
    target_actor TEXT,
    date TEXT,
    date_text TEXT,
    location TEXT,
    status TEXT,
    confidence DOUBLE PRECISION,
    ev_start INTEGER,
    ev_end INTEGER,
    ev_text TEXT,
    cluster_id TEXT
);
CREATE INDEX events_doc ON events (doc_id);
CREATE INDEX events_cluster ON events (cluster_id);
CREATE INDEX events_date ON events (date);

CREATE TABLE event_actors (
    event_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (event_id, entity_id)
);
CREATE INDEX event_actors_entity ON event_actors (entity_id, event_id);

CREATE TABLE claims (
    key TEXT PRIMARY KEY,
    metric TEXT,
    unit TEXT,
    kind TEXT,
    period TEXT,
    subject TEXT,
    status TEXT,
    value_low DOUBLE PRECISION,
    value_high DOUBLE PRECISION,
    n_figures INTEGER NOT NULL DEFAULT 0,
    n_sources INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX claims_metric_period ON claims (metric, period);
CREATE INDEX claims_status ON claims (status, metric);

CREATE TABLE claim_subjects (
    claim_key TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (claim_key, entity_id)
);
CREATE INDEX claim_subjects_entity ON claim_subjects (entity_id, claim_key);

CREATE TABLE figures (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    metric TEXT,
    value DOUBLE PRECISION,
    unit TEXT,
    value_text TEXT,
    period TEXT,
    kind TEXT,
    qualifier TEXT,
    subject TEXT,
    attributed_to TEXT,
    ev_start INTEGER,
    ev_end INTEGER,
    ev_text TEXT,
    claim_key TEXT,
    side INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX figures_doc ON figures (doc_id);
CREATE INDEX figures_claim ON figures (claim_key);
CREATE INDEX figures_metric_period ON figures (metric, period);

CREATE TABLE likely_errors (
    figure_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    intended_id TEXT,
    reason TEXT,
    PRIMARY KEY (figure_id, entity_id)
);
CREATE INDEX likely_errors_doc ON likely_errors (doc_id);
