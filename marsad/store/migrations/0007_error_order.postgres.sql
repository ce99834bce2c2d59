-- Likely errors newest first, undated last.
CREATE INDEX likely_errors_published ON likely_errors (published DESC NULLS LAST, figure_id);
