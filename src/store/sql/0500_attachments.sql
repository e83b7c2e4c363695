-- 0500_attachments.sql: files kept as evidence (a signed document, a photo of
-- an event), checked by their bytes (formats/attachment.h) before they come
-- here.  The bytes are kept once, by their SHA-256, outside the rows that
-- point at them (task progress today; budget and inspection records
-- later), and never changed or removed: they belong to the history.
CREATE TABLE attachments (
	id {{ID}},
	sha256 TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL CHECK (kind IN ('pdf', 'docx', 'xlsx', 'jpeg', 'png')),
	size BIGINT NOT NULL,
	data {{BLOB}} NOT NULL,
	created_at BIGINT NOT NULL,
	created_by TEXT NOT NULL
);
