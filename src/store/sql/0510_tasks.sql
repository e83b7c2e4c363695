-- 0510_tasks.sql: the tasks of plans (docs/tasks.md).
--
-- A plan's tasks are stored with it (plan_load); a new plan of the unit
-- supersedes them with its own, and the old ones stay with the old plan
-- for the history.  `uid` names a task across the plans of its unit: a
-- task of the new plan with the number and title of one of the plan
-- before keeps its uid, so that the progress recorded on it (keyed by
-- unit and uid) goes on.
CREATE TABLE tasks (
	id {{ID}},
	plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
	unit_id BIGINT NOT NULL REFERENCES units(id),
	uid TEXT NOT NULL,
	seq INTEGER NOT NULL,            -- order in the plan, from 1
	parent_seq INTEGER,              -- the task it is a sub-task of ("8" of "8.1")
	source TEXT NOT NULL CHECK (source IN ('tasks', 'duties')),
	grp TEXT,                        -- the number of the group or task it stands under, as written
	number TEXT NOT NULL,            -- as written: "2", "8.1", "đ"
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	timeframe TEXT,                  -- as written; read by core/tasks.h
	goals TEXT NOT NULL,             -- goal numbers the text cites, comma-separated
	indicators TEXT NOT NULL,        -- indicator ids, comma-separated
	line INTEGER,                    -- in the plan document
	UNIQUE (plan_id, seq)
);
CREATE INDEX tasks_unit_uid ON tasks(unit_id, uid);

-- Who carries a task out: leads and partners (agency kind ids, or 'all').
CREATE TABLE task_agencies (
	task_id BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
	agency TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('lead', 'partner')),
	ord INTEGER NOT NULL,            -- the order the plan names them in
	PRIMARY KEY (task_id, agency)
);
