-- 0840: indicators added at run time (issue 17, `gemis indicator add`),
-- beside the compiled set.  A built-in row (builtin = 1) is rewritten from
-- the binary at every start; an added row (builtin = 0) is the indicator
-- itself, read into the catalog at start (store/indicators.c), in the order
-- of its seq.  Each part's sub-annual aggregation and what it counts are
-- needed to rebuild it; the compiled set keeps them in the binary.
ALTER TABLE indicators ADD COLUMN builtin INTEGER NOT NULL DEFAULT 1;
ALTER TABLE indicators ADD COLUMN seq INTEGER;
ALTER TABLE indicators ADD COLUMN time_num TEXT;
ALTER TABLE indicators ADD COLUMN time_den TEXT;
ALTER TABLE indicators ADD COLUMN part_num_vi TEXT;
ALTER TABLE indicators ADD COLUMN part_num_en TEXT;
ALTER TABLE indicators ADD COLUMN part_den_vi TEXT;
ALTER TABLE indicators ADD COLUMN part_den_en TEXT;
ALTER TABLE indicators ADD COLUMN added_by TEXT;
ALTER TABLE indicators ADD COLUMN added_at BIGINT;

-- Who changed the catalog and how: one row per change, never updated.
CREATE TABLE indicator_log (
	id {{ID}},
	indicator TEXT NOT NULL,
	action TEXT NOT NULL CHECK (action IN ('add')),
	changed_by TEXT NOT NULL,
	changed_at BIGINT NOT NULL
);
