-- 0520_activities.sql: the activity log (docs/activities.md): news items,
-- programmes, events, trainings, conferences, home visits and mediation
-- sessions, each on a day, by an agency of a commune.  The log is where
-- news_items_per_quarter and monthly_programs come from for the quarters a
-- commune logs anything (core/activities.h).  A removed activity is kept,
-- marked deleted; every change is in activity_history with who, when and
-- what the activity became.
CREATE TABLE activities (
	id {{ID}},
	unit_id BIGINT NOT NULL REFERENCES units(id),
	agency TEXT NOT NULL,
	day TEXT NOT NULL,                  -- 'YYYY-MM-DD'
	year INTEGER NOT NULL,
	quarter INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
	kind TEXT NOT NULL CHECK (kind IN ('news', 'broadcast', 'event', 'training', 'conference',
					   'home_visit', 'mediation')),
	channel TEXT NOT NULL CHECK (channel IN ('loudspeaker', 'portal', 'social', 'banner', 'direct')),
	title TEXT NOT NULL,
	place TEXT,                         -- the village or group reached
	women INTEGER CHECK (women >= 0),   -- participants, where counted
	men INTEGER CHECK (men >= 0),
	task_uid TEXT,                      -- the task it serves (tasks.uid), if any
	action_month INTEGER NOT NULL,      -- part of the Action Month (15/11 - 15/12)
	version INTEGER NOT NULL DEFAULT 1,
	created_by TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at BIGINT NOT NULL,
	deleted_at BIGINT
);
CREATE INDEX activities_unit_year ON activities(unit_id, year, quarter);

CREATE TABLE activity_history (
	id {{ID}},
	activity_id BIGINT NOT NULL REFERENCES activities(id),
	action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'import')),
	by_user TEXT NOT NULL,
	at BIGINT NOT NULL,
	what TEXT NOT NULL                  -- the activity after the change, as JSON
);
CREATE INDEX activity_history_activity ON activity_history(activity_id);
