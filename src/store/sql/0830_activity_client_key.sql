-- 0830_activity_client_key.sql: an activity logged from a phone on a weak
-- line carries the key its browser drew for it (docs/web.md, "Offline
-- entry"), so that the same entry sent twice (its answer lost, the line
-- cut mid-request) is stored once: the second finds the first.
ALTER TABLE activities ADD COLUMN client_key TEXT;
CREATE UNIQUE INDEX activities_client_key ON activities(unit_id, client_key) WHERE client_key IS NOT NULL;
