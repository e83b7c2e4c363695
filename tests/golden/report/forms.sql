-- forms.sql: forms and comments added to the demo database for the report
-- and reporting golden tests (the demo itself has none).  Times are Unix
-- seconds; Vietnam is UTC+7.
--
-- Bình Lư (03390): deadline 30/11, eight agencies owe a report for 2026 (the
-- office and the Fatherland Front have duties and no indicators).
--   vhxh      approved, submitted 20/11 10:00          on time
--   kinhte    submitted 30/11 23:00                    on time (the day counts)
--   yte       approved, submitted 01/12 08:00          late
--   truonghoc returned for correction                 missing
--   congan    draft                                    missing
--   ttdv      nothing on record                        missing
--   vanphong, mttq  nothing on record                  missing
-- Đồng Nguyên (09385): deadline 25/11; its plan ties no indicator to any
-- agency, but gives eight agencies duties: each owes a report of its tasks,
-- and the two on record (24/11, 26/11) count, on time and late.
INSERT INTO submissions (unit_id, agency, period, status, version, created_at, updated_at, updated_by, submitted_at, submitted_by)
SELECT id, 'vhxh', '2026', 'approved', 3, 1794279600, 1795143600, 'focal', 1795143600, 'vhxh1' FROM units WHERE code = '03390';
INSERT INTO submissions (unit_id, agency, period, status, version, created_at, updated_at, updated_by, submitted_at, submitted_by)
SELECT id, 'kinhte', '2026', 'submitted', 2, 1794279600, 1796054400, 'kt1', 1796054400, 'kt1' FROM units WHERE code = '03390';
INSERT INTO submissions (unit_id, agency, period, status, version, created_at, updated_at, updated_by, submitted_at, submitted_by)
SELECT id, 'yte', '2026', 'approved', 4, 1794279600, 1796086800, 'focal', 1796086800, 'yte1' FROM units WHERE code = '03390';
INSERT INTO submissions (unit_id, agency, period, status, version, created_at, updated_at, updated_by, submitted_at, submitted_by, comment)
SELECT id, 'truonghoc', '2026', 'returned', 3, 1794279600, 1795834800, 'focal', 1795489200, 'th1', 'Thiếu số liệu nữ' FROM units WHERE code = '03390';
INSERT INTO submissions (unit_id, agency, period, status, version, created_at, updated_at, updated_by)
SELECT id, 'congan', '2026', 'draft', 1, 1794279600, 1794279600, 'ca1' FROM units WHERE code = '03390';
-- a form of another year does not count for 2026
INSERT INTO submissions (unit_id, agency, period, status, version, created_at, updated_at, updated_by, submitted_at, submitted_by)
SELECT id, 'ttdv', '2025', 'approved', 2, 1762000000, 1762000000, 'focal', 1762000000, 'tt1' FROM units WHERE code = '03390';
INSERT INTO submissions (unit_id, agency, period, status, version, created_at, updated_at, updated_by, submitted_at, submitted_by)
SELECT id, 'vhxh', '2026', 'approved', 2, 1794279600, 1795489200, 'focal', 1795489200, 'dn1' FROM units WHERE code = '09385';
INSERT INTO submissions (unit_id, agency, period, status, version, created_at, updated_at, updated_by, submitted_at, submitted_by)
SELECT id, 'yte', '2026', 'submitted', 1, 1794279600, 1795662000, 'dn2', 1795662000, 'dn2' FROM units WHERE code = '09385';

-- why some figures are what they are; one comment carries markup and an
-- ampersand, which every renderer must escape
INSERT INTO value_comments (unit_id, period, indicator, comment, by_user, at)
SELECT id, '2026', 'female_key_leaders', 'Sau sắp xếp bộ máy, nhiều cơ quan chưa kiện toàn lãnh đạo; dự kiến bổ nhiệm 2 nữ trưởng phòng năm 2027.', 'vhxh1', 1795143600 FROM units WHERE code = '03390';
INSERT INTO value_comments (unit_id, period, indicator, comment, by_user, at)
SELECT id, '2026', 'sex_ratio_at_birth', 'Số trẻ sinh ít, tỷ số biến động mạnh <script>alert(1)</script> & cần theo dõi thêm.', 'yte1', 1796086800 FROM units WHERE code = '03390';
INSERT INTO value_comments (unit_id, period, indicator, comment, by_user, at)
SELECT id, '2026', 'female_wage_workers', 'Lao động nữ chủ yếu làm nông nghiệp tự do.', 'vhxh1', 1795143600 FROM units WHERE code = '03394';
