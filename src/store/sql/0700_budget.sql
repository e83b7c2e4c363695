-- 0700_budget.sql: the budget of the plan (docs/budget.md).
--
-- A line is what one agency of a commune asks for one year, for one task
-- of the plan in force (task_uid, 0510) or for its own work where the
-- plan budgets by agency (task_uid NULL), from one funding source.  It
-- goes through core/workflows.c's wf_estimate: the agency estimates and
-- submits, the economic (or finance) office appraises, the focal point
-- records the committee's approval with the decision's number and date;
-- then what was spent is recorded on it.  Amounts are whole đồng.
-- `version` goes up with every change, so that a change made on an old
-- version is refused instead of silently replacing another's.

-- The funding sources, as data: a source is a row, not a constant.
CREATE TABLE budget_sources (
	id TEXT PRIMARY KEY,
	ord INTEGER NOT NULL,
	name_vi TEXT NOT NULL,
	name_en TEXT NOT NULL
);
INSERT INTO budget_sources (id, ord, name_vi, name_en) VALUES
	('nsnn_tw', 1, 'Ngân sách trung ương', 'State budget: central'),
	('nsnn_tinh', 2, 'Ngân sách tỉnh', 'State budget: province'),
	('nsnn_xa', 3, 'Ngân sách xã', 'State budget: commune'),
	('ctmtqg_ntm', 4, 'Chương trình mục tiêu quốc gia xây dựng nông thôn mới', 'National target programme: new rural development'),
	('ctmtqg_gnbv', 5, 'Chương trình mục tiêu quốc gia giảm nghèo bền vững', 'National target programme: sustainable poverty reduction'),
	('khac', 6, 'Nguồn hợp pháp khác', 'Other lawful sources');

CREATE TABLE budget_lines (
	id {{ID}},
	unit_id BIGINT NOT NULL REFERENCES units(id),
	year INTEGER NOT NULL,
	agency TEXT NOT NULL,            -- agency kind id (core/catalog.h)
	task_uid TEXT,                   -- a task of the unit's plan, NULL: the agency's work
	source TEXT NOT NULL REFERENCES budget_sources(id),
	title TEXT NOT NULL,             -- what the money is for
	estimate BIGINT NOT NULL CHECK (estimate >= 0),
	appraised BIGINT CHECK (appraised >= 0),
	approved BIGINT CHECK (approved >= 0),
	decision_no TEXT,                -- the committee's decision approving it
	decision_date TEXT,              -- YYYY-MM-DD
	spent BIGINT CHECK (spent >= 0),
	note TEXT,
	status TEXT NOT NULL,            -- a state of wf_estimate
	version BIGINT NOT NULL,
	created_by TEXT NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX budget_lines_unit_year ON budget_lines(unit_id, year);

-- The audit trail: every change to a line, with the line as it became.
-- Only ever added to (0701 refuses changes).
CREATE TABLE budget_log (
	id {{ID}},
	line_id BIGINT NOT NULL REFERENCES budget_lines(id),
	version BIGINT NOT NULL,
	action TEXT NOT NULL,            -- an action of wf_estimate, or 'spend'
	status TEXT NOT NULL,
	estimate BIGINT NOT NULL,
	appraised BIGINT,
	approved BIGINT,
	spent BIGINT,
	decision_no TEXT,
	decision_date TEXT,
	comment TEXT,
	by_name TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX budget_log_line ON budget_log(line_id);
