# Applying a plan that sets fewer targets than the one in force (issue 20):
# the review page says what changes (targets and where each comes from
# after, statuses, agencies and forms) and warns loudly; nothing changes
# without the confirmation, nor over a plan replaced meanwhile; the forms
# submitted or approved for the year stay visible and counted on every
# page, in `gemis reporting` and the API; the previous plan comes back in
# one step (web and command line).
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo --forms
# the demo's forms are dated (03/12/2026), not stamped with the clock: a
# run after the end of $GEMIS_TODAY below found them "not in yet" and the
# dashboard dropped the health station's submitted form
[ "$(sql gemis.db "SELECT COUNT(*) FROM submissions WHERE submitted_at = 1796263200")" = 3 ] ||
	die "the demo's forms are not dated 03/12/2026 09:00"
# a yearly plan with no numeric target, duties for the culture-social office
# only: the case of the issue
cat >yearly.txt <<'EOF'
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
EOF
in_force() { sql gemis.db "SELECT COUNT(*) FROM targets t JOIN plans p ON p.id = t.plan_id JOIN units u ON u.id = p.unit_id
	WHERE u.code = '03390' AND p.superseded_at IS NULL"; }
plan_id() { sql gemis.db "SELECT p.id FROM plans p JOIN units u ON u.id = p.unit_id WHERE u.code = '03390' AND p.superseded_at IS NULL"; }
[ "$(in_force)" = 21 ] || die "the demo plan of Bình Lư has $(in_force) targets"

export GEMIS_TODAY=2026-12-05
start_server
sign_in binhlu gemis-demo-2026
http GET /lang/en?next=/
http GET /plan/03390
csrf=$(csrf_of)
http POST /plan/03390/upload -F "csrf=$csrf" -F "file=@yearly.txt;type=text/plain"
expect_status 303
review=$(header Location)
id=${review##*/}
old=$(plan_id)

# the review: the loud warning, the targets with where they come from after,
# the statuses that move, the agencies' forms, and a confirmation
http GET "$review"
expect_status 200
contains "$body" 'role="alert"'
contains "$body" "This plan sets fewer targets than the plan in force"
contains "$body" "It sets targets for 0 indicators; the plan in force sets 21."
contains "$body" "Targets set by the plan: 21 now, 0 after applying."
contains "$body" "the national strategy"
contains "$body" "the plan in force"
contains "$body" "statuses change"
contains "$body" "2 forms already submitted or approved for 2026 stay visible and counted."
contains "$body" "no longer asked by the plan; kept and counted for the year"
contains "$body" 'name="confirm" value="1" required'
contains "$body" "with targets for 0 indicators instead of 21"
contains "$body" "name=\"current\" value=\"$old\""

# no confirmation, or a plan replaced since the review: nothing changes
http POST /plan/03390/apply --data-urlencode "csrf=$csrf" --data-urlencode "upload=$id" --data-urlencode "current=$old"
expect_status 400
contains "$body" "tick the box"
http POST /plan/03390/apply --data-urlencode "csrf=$csrf" --data-urlencode "upload=$id" --data-urlencode "current=0" \
	--data-urlencode confirm=1
expect_status 409
[ "$(in_force)" = 21 ] || die "an unconfirmed apply changed the plan"

http POST /plan/03390/apply --data-urlencode "csrf=$csrf" --data-urlencode "upload=$id" --data-urlencode "current=$old" \
	--data-urlencode confirm=1
expect_status 303
[ "$(in_force)" = 0 ] || die "the new plan is not in force"
new=$(plan_id)

# the forms of the year stay visible and counted: the list, the form with
# its values, the dashboard, the review list, the reporting page, the API
# and the command line
http GET "/plan/03390?done=1"
contains "$body" "Undo: put the previous plan back"
contains "$body" "name=\"plan\" value=\"$old\""
http GET "/entry?unit=03390&year=2026"
contains "$body" 'href="/entry/03390/vhxh/2026"'
contains "$body" 'href="/entry/03390/yte/2026"'
http GET /entry/03390/vhxh/2026
expect_status 200
[ "$(grep -o 'name="v_[0-9]*"' body.txt | wc -l)" = 12 ] || die "the approved form lost its fields"
not_contains "$body" "gives this agency no indicators"
http GET "/?unit=03390&year=2026"
not_contains "$body" "The plan assigns no indicators to agencies."
contains "$body" "sub-approved"
contains "$body" "sub-submitted"
http GET "/reporting?unit=03390&year=2026"
contains "$body" "2 of 2 forms submitted"
http GET /api/v1/submissions/03390/vhxh/2026
[ "$(jq '.fields | length' body.txt)" = 12 ] || die "the API's form lost its fields: $(head -c 300 body.txt)"
"$GEMIS" reporting --unit 03390 --year 2026 --as-of 2026-12-05 --json >rep.json
# the culture-social office still owes a report for its duties (issue 12);
# the health station's form is no longer asked but kept and counted
[ "$(jq -c '[.forms[] | [.agency, .in_plan]]' rep.json)" = '[["vhxh",true],["yte",false]]' ] ||
	die "gemis reporting drops the forms: $(jq -c .forms rep.json)"
[ "$(jq .total.submitted rep.json)" = 2 ] || die "gemis reporting does not count them"

# undo in one step: the previous plan is back, and the one it replaced can
# be put back in turn
http POST /plan/03390/restore --data-urlencode "csrf=$csrf" --data-urlencode "plan=$old" --data-urlencode "current=$old"
expect_status 409
http POST /plan/03390/restore --data-urlencode "csrf=$csrf" --data-urlencode "plan=$new" --data-urlencode "current=$new"
expect_status 404
http POST /plan/03390/restore --data-urlencode "csrf=$csrf" --data-urlencode "plan=$old" --data-urlencode "current=$new"
expect_status 303
[ "$(in_force)" = 21 ] || die "the undo did not put the 21 targets back"
http GET "$(header Location)"
contains "$body" "The earlier plan is back in force."
contains "$body" "Versions of the plan"
contains "$body" "Put this version back"
[ "$(sql gemis.db "SELECT COUNT(*) FROM plans p JOIN units u ON u.id = p.unit_id WHERE u.code = '03390'")" = 3 ] ||
	die "the history does not keep every step"
stop_server

# the command line: says what changes, warns, keeps the forms, undoes
expect_ok "$GEMIS" --lang en plan import yearly.txt --apply
contains "$err" "WARNING: this plan sets fewer targets than the plan in force"
contains "$out" "targets set by the plan: 21 now, 0 after"
contains "$out" "its approved form of 2026 is kept and counted"
contains "$out" "gemis plan restore --unit 03390"
[ "$(in_force)" = 0 ] || die "plan import --apply did not store"
expect_ok "$GEMIS" --lang en plan restore --unit 03390
contains "$out" "is back in force: 21 targets"
[ "$(in_force)" = 21 ] || die "plan restore did not put the plan back"
expect_fail 1 "$GEMIS" --lang en plan restore --unit 03394
contains "$err" "no earlier plan"
expect_fail 2 "$GEMIS" plan restore
