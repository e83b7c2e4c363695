# A form kept from an earlier plan is judged against the deadline of the
# plan it answered, not the plan in force now (issue 20): Bình Lư's culture
# office sent its 2026 form on 02/12, late for the plan's 30/11; applying a
# yearly plan with no deadline must not turn it into a form
# "on time" due 31/12, nor one with no date.  The same on the command line, in its JSON, on the
# reporting page and on the form's own page.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
# the demo's plan came into force on 15/01/2026; the form, 02/12 10:00 in Vietnam
sql gemis.db "UPDATE plans SET loaded_at = 1768435200 WHERE superseded_at IS NULL AND unit_id = (SELECT id FROM units WHERE code = '03390')"
sql gemis.db "INSERT INTO submissions (unit_id, agency, period, status, version, created_at, updated_at, updated_by, submitted_at, submitted_by)
SELECT id, 'vhxh', '2026', 'approved', 3, 1796180400, 1796180400, 'binhlu', 1796180400, 'binhlu.vhxh' FROM units WHERE code = '03390'"

# form_of: the culture office's form in gemis reporting --json
form_of() {
	"$GEMIS" reporting --unit 03390 --year 2026 --as-of 2026-12-10 --json |
		jq -c '.forms[] | select(.agency == "vhxh") | [.in_plan, .due, .state]'
}
[ "$(form_of)" = '[true,"2026-11-30","late"]' ] || die "before: $(form_of)"

# a yearly plan of Bình Lư with no deadline and no agency's duties
cat >yearly.txt <<'PLAN'
ỦY BAN NHÂN DÂN
XÃ BÌNH LƯ
Số: 12/KH-UBND
Bình Lư, ngày 15 tháng 01 năm 2026

KẾ HOẠCH
Thực hiện công tác bình đẳng giới năm 2026 trên địa bàn xã Bình Lư

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức về bình đẳng giới cho cán bộ và nhân dân.

II. TỔ CHỨC THỰC HIỆN
Phòng Văn hóa - Xã hội chủ trì, phối hợp với các cơ quan liên quan triển khai kế hoạch này.
PLAN
expect_ok "$GEMIS" plan import yearly.txt --apply
# (the yearly plan gives the culture office duties: its form is owed still,
# and judged against the plan it answered all the same)
[ "$(form_of)" = '[true,"2026-11-30","late"]' ] || die "after the yearly plan: $(form_of)"
expect_ok "$GEMIS" reporting --unit 03390 --year 2026 --as-of 2026-12-10
contains "$out" "1 late"

export GEMIS_TODAY=2026-12-10
start_server
sign_in binhlu gemis-demo-2026
http GET /lang/en?next=/
http GET "/reporting?unit=03390&year=2026"
expect_status 200
contains "$body" "30/11/2026</td><td class=\"form-late\">"
http GET /entry/03390/vhxh/2026
expect_status 200
contains "$body" '<p class="deadline">Deadline 30/11/2026 · <span class="form-late">'
stop_server
