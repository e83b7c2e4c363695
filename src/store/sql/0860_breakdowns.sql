-- 0860: breakdowns beyond sex (issue 17).  A breakdown is a named list of
-- categories that do not overlap (ethnic group: Kinh, minority); breaking
-- an indicator down by it adds one indicator per category, its *series*
-- (primary_completion among ethnic-minority pupils), kept in `indicators`
-- with its parent, breakdown and category.  Sex stays the engine's own
-- split inside every indicator and series.  The first four are those of
-- the national gender development statistics (Circular 10/2019/TT-BKHĐT):
-- ethnic group, urban/rural, disability, age group.
CREATE TABLE breakdowns (
	code TEXT PRIMARY KEY,
	name_vi TEXT NOT NULL,
	name_en TEXT NOT NULL,
	builtin INTEGER NOT NULL DEFAULT 0,
	added_by TEXT,
	added_at BIGINT
);

-- A category's age range (years, both ends included; age_to NULL for
-- "and over") is what makes two age groups overlap; others have none.
CREATE TABLE breakdown_categories (
	breakdown TEXT NOT NULL REFERENCES breakdowns(code),
	code TEXT NOT NULL,
	seq INTEGER NOT NULL,
	name_vi TEXT NOT NULL,
	name_en TEXT NOT NULL,
	age_from INTEGER,
	age_to INTEGER,
	PRIMARY KEY (breakdown, code)
);

INSERT INTO breakdowns (code, name_vi, name_en, builtin) VALUES
	('ethnicity', 'Dân tộc', 'Ethnic group', 1),
	('area', 'Khu vực', 'Area', 1),
	('disability', 'Tình trạng khuyết tật', 'Disability', 1),
	('age', 'Nhóm tuổi', 'Age group', 1);

INSERT INTO breakdown_categories (breakdown, code, seq, name_vi, name_en, age_from, age_to) VALUES
	('ethnicity', 'kinh', 1, 'Dân tộc Kinh', 'Kinh', NULL, NULL),
	('ethnicity', 'minority', 2, 'Dân tộc thiểu số', 'Ethnic minority', NULL, NULL),
	('area', 'urban', 1, 'Thành thị', 'Urban', NULL, NULL),
	('area', 'rural', 2, 'Nông thôn', 'Rural', NULL, NULL),
	('disability', 'with', 1, 'Người khuyết tật', 'With a disability', NULL, NULL),
	('disability', 'without', 2, 'Người không khuyết tật', 'Without a disability', NULL, NULL),
	('age', 'a0_14', 1, 'Dưới 15 tuổi', 'Under 15', 0, 14),
	('age', 'a15_24', 2, 'Từ 15 đến 24 tuổi', '15 to 24', 15, 24),
	('age', 'a25_59', 3, 'Từ 25 đến 59 tuổi', '25 to 59', 25, 59),
	('age', 'a60', 4, 'Từ 60 tuổi trở lên', '60 and over', 60, NULL);

ALTER TABLE indicators ADD COLUMN parent TEXT;
ALTER TABLE indicators ADD COLUMN breakdown TEXT;
ALTER TABLE indicators ADD COLUMN category TEXT;
