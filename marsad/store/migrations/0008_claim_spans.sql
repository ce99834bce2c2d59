-- A figure joining a conflict takes the side of a figure of the claim with
-- the same range (Store._side_of_twin) instead of the claim's sides being
-- reassessed from all its figures once per batch (a second per batch at
-- 100,000 documents): each side's common range and the claim's distinct
-- ranges with their side (claims.side_spans, JSON, written whenever the
-- sides are reassessed; claims of before are reassessed after this
-- migration, and a claim without it is reassessed the first time it gains
-- a figure).
ALTER TABLE claims ADD COLUMN side_spans TEXT;
