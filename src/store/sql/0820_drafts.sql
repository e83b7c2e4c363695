-- 0820: the gender check of a commune's draft legal documents and
-- policies (docs/drafts.md; core/drafts.h, store/drafts.h).
--
-- The checklist's questions are data, versioned like scorecard_rules
-- (0710): a version is a set of rows, never changed once in use; a draft
-- is filled against the version in force when it was registered and keeps
-- it.  Version 1 follows the Law on Gender Equality 2006 (73/2006/QH11),
-- art. 21.2 (what mainstreaming gender in a legal document covers: a. the
-- gender issue and the measures to address it, b. the forecast impact on
-- women and men, c. who is responsible and with what resources) and art.
-- 22 (the drafting agency's duties), and the Law on Promulgation of Legal Documents' principle that
-- gender equality is mainstreamed in drafting; the sources are in
-- docs/drafts.md.  kind 'text' is an answer in words, 'yesno' is 'yes' or
-- 'no'; a required question must be answered before the check is
-- submitted.
CREATE TABLE gender_check_questions (
	version INTEGER NOT NULL,
	id TEXT NOT NULL,
	ord INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('text', 'yesno')),
	required INTEGER NOT NULL CHECK (required IN (0, 1)),
	text_vi TEXT NOT NULL,
	text_en TEXT NOT NULL,
	source TEXT NOT NULL,
	PRIMARY KEY (version, id)
);
INSERT INTO gender_check_questions (version, id, ord, kind, required, text_vi, text_en, source) VALUES
	(1, 'affected', 1, 'text', 1,
	 'Văn bản tác động đến những ai? Ước tính số nữ và số nam chịu tác động.',
	 'Whom does the document affect? Estimate how many women and how many men.',
	 'Luật Bình đẳng giới 2006, Điều 21 khoản 2 điểm b'),
	(1, 'gender_issue', 2, 'text', 1,
	 'Vấn đề giới trong lĩnh vực văn bản điều chỉnh là gì (khoảng cách giữa nữ và nam hiện có)?',
	 'What is the gender issue in the field the document governs (the gap between women and men today)?',
	 'Luật Bình đẳng giới 2006, Điều 21 khoản 2 điểm a'),
	(1, 'widens_gap', 3, 'yesno', 1,
	 'Quy định của văn bản có thể tạo ra hoặc làm tăng khoảng cách giới không?',
	 'Could the document''s provisions create or widen a gender gap?',
	 'Luật Bình đẳng giới 2006, Điều 21 khoản 2 điểm b'),
	(1, 'impact', 4, 'text', 1,
	 'Dự báo tác động của văn bản khi được ban hành đối với nữ và đối với nam.',
	 'The forecast impact of the document, once issued, on women and on men.',
	 'Luật Bình đẳng giới 2006, Điều 21 khoản 2 điểm b'),
	(1, 'data_used', 5, 'text', 1,
	 'Số liệu tách biệt theo giới tính đã sử dụng (tên, nguồn, năm).',
	 'The sex-disaggregated data used (what, source, year).',
	 'Luật Bình đẳng giới 2006, Điều 21 khoản 2 điểm b; Điều 22'),
	(1, 'mitigation', 6, 'text', 1,
	 'Biện pháp giải quyết vấn đề giới, giảm tác động bất lợi cho nữ hoặc nam.',
	 'The measures that address the gender issue and mitigate harm to women or men.',
	 'Luật Bình đẳng giới 2006, Điều 21 khoản 2 điểm a'),
	(1, 'responsibility', 7, 'text', 0,
	 'Trách nhiệm và nguồn lực để giải quyết vấn đề giới trong phạm vi văn bản.',
	 'Who is responsible, and with what resources, for the gender issue within the document''s scope.',
	 'Luật Bình đẳng giới 2006, Điều 21 khoản 2 điểm c'),
	(1, 'consulted', 8, 'text', 0,
	 'Đã lấy ý kiến của Hội Liên hiệp Phụ nữ và của nữ, nam chịu tác động chưa? Ý kiến chính.',
	 'Were the Women''s Union and the women and men affected consulted? Their main views.',
	 'Luật Bình đẳng giới 2006, Điều 22; Luật Ban hành văn bản quy phạm pháp luật (nguyên tắc lồng ghép bình đẳng giới)');

-- A draft of the commune and its check.  number is the draft's own
-- number or symbol ("Dự thảo 2", or the number it will carry); issued_no
-- and issued_on are the document's once the committee issues it (issued
-- or not, the draft and its check are kept).  state is a state of
-- core/workflows.c's wf_draft.
CREATE TABLE drafts (
	id {{ID}},
	unit_id BIGINT NOT NULL REFERENCES units(id),
	year INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('decision', 'plan', 'resolution', 'other')),
	number TEXT,
	title TEXT NOT NULL,
	drafted_on TEXT NOT NULL,
	agency TEXT NOT NULL,
	checklist_version INTEGER NOT NULL,
	state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'reviewed')),
	review TEXT,
	issued_no TEXT,
	issued_on TEXT,
	version INTEGER NOT NULL,
	created_by TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX drafts_unit_year ON drafts(unit_id, year);

-- The drafting agency's answers, one a question.
CREATE TABLE draft_answers (
	draft_id BIGINT NOT NULL REFERENCES drafts(id),
	question TEXT NOT NULL,
	answer TEXT NOT NULL,
	PRIMARY KEY (draft_id, question)
);

-- Every step of a check (saved, submitted, returned, reviewed, issued).
CREATE TABLE draft_steps (
	id {{ID}},
	draft_id BIGINT NOT NULL REFERENCES drafts(id),
	action TEXT NOT NULL,
	state TEXT NOT NULL,
	comment TEXT,
	by_name TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX draft_steps_draft ON draft_steps(draft_id);
