-- 0200: an agency's report is more than its figures.  Every agency the plan
-- gives duties reports the results of its tasks and a short narrative
-- (report/reporting.h), kept with its form and submitted with it.
ALTER TABLE submissions ADD COLUMN narrative TEXT;
