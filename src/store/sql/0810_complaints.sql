-- 0810: citizens' feedback, petitions, complaints and denunciations about
-- gender equality (core/complaints.h, store/complaints.h).
--
-- complaint_limits is the legal time limit for the answer, by kind: data,
-- not code (docs/complaints.md gives each law and article).  Days are
-- calendar days counted from the day received: the days the law gives to
-- take the matter up (thụ lý), then to answer it, and the longest
-- extension it allows a complex matter.
CREATE TABLE complaint_limits (
	kind TEXT PRIMARY KEY,
	accept_days INTEGER NOT NULL,
	answer_days INTEGER NOT NULL,
	extend_days INTEGER NOT NULL,
	source TEXT NOT NULL
);
INSERT INTO complaint_limits (kind, accept_days, answer_days, extend_days, source) VALUES
	('feedback', 10, 30, 0,
	 'Nghị định 20/2008/NĐ-CP (sửa đổi bởi Nghị định 92/2017/NĐ-CP), tiếp nhận, xử lý phản ánh, kiến nghị'),
	('petition', 10, 30, 0,
	 'Nghị định 20/2008/NĐ-CP (sửa đổi bởi Nghị định 92/2017/NĐ-CP), tiếp nhận, xử lý phản ánh, kiến nghị'),
	('complaint', 10, 30, 15,
	 'Luật Khiếu nại 2011 (02/2011/QH13), Điều 27 (thụ lý: 10 ngày), Điều 28 (giải quyết lần đầu: 30 ngày, phức tạp 45 ngày)'),
	('denunciation', 7, 30, 60,
	 'Luật Tố cáo 2018 (25/2018/QH14), Điều 24 (xử lý ban đầu: 7 ngày làm việc), Điều 30 (giải quyết: 30 ngày, gia hạn tối đa hai lần 30 ngày)');

-- A matter received by a commune.  The person who brought it, the contact,
-- the text and the answer are sealed (util/seal.h, domain
-- "gemis-complaint-1", associated data the code and the field) under the
-- key whose id is key_id; everything else is plain, for lists and counts.
-- case_code refers a matter about gender-based violence to the case
-- register by the case's code, without copying anything.
CREATE TABLE complaints (
	id {{ID}},
	code TEXT NOT NULL UNIQUE,
	unit_id BIGINT NOT NULL REFERENCES units(id),
	received TEXT NOT NULL,
	channel TEXT NOT NULL CHECK (channel IN ('in_person', 'phone', 'hotline', 'letter', 'portal', 'mass_org')),
	kind TEXT NOT NULL REFERENCES complaint_limits(kind),
	field TEXT NOT NULL CHECK (field IN ('politics', 'economy', 'family', 'health', 'education', 'communication')),
	agency TEXT NOT NULL,
	complex INTEGER NOT NULL,
	due TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('received', 'handling', 'answered', 'withdrawn')),
	answered_on TEXT,
	case_code TEXT,
	key_id TEXT NOT NULL,
	name_ct {{BLOB}} NOT NULL,
	contact_ct {{BLOB}},
	text_ct {{BLOB}} NOT NULL,
	answer_ct {{BLOB}},
	version INTEGER NOT NULL,
	created_by TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at BIGINT NOT NULL,
	CHECK (answered_on IS NULL OR answered_on >= received)
);
CREATE INDEX complaints_unit_received ON complaints(unit_id, received);
