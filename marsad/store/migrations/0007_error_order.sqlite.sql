-- Likely errors newest first (undated last: SQLite sorts NULL last in DESC).
CREATE INDEX likely_errors_published ON likely_errors (published DESC, figure_id);
