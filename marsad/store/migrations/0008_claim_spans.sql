-- A figure joining a conflict takes the side of a figure of the claim with
-- the same range (Store._side_of_twin) instead of the claim's sides being
-- reassessed from all its figures once per batch (a second per batch at
-- 100,000 documents): each side's common range (claims.side_spans, JSON,
-- written whenever the sides are reassessed; a claim without it is
-- reassessed the first time it gains a figure), and the figures of a claim
-- by range.
ALTER TABLE claims ADD COLUMN side_spans TEXT;
CREATE INDEX figures_claim_span ON figures (claim_key, lo, hi, side);
