# The working cycle through the web server: a reporter fills in and submits
# a form (with inline problems first), the focal point returns it and then
# approves it, the values become official (dashboard, API), approved values
# are locked for CSV uploads and the API until the form is reopened, a save
# over a newer version is refused; the API does the same with a token; a
# plan document goes through the importer, its lint, and is applied.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
start_server
F=/entry/03390/vhxh/2026

# the form's field numbers, from the form page: v_N inputs in order; the
# first two are female_key_leaders' numerator and denominator
JAR=rep.txt sign_in binhlu.vhxh gemis-demo-2026
JAR=rep.txt http GET /lang/en
JAR=rep.txt http GET "$F"
expect_status 200
contains "$body" 'name="v_0"'
contains "$body" 'name="version" value="0"'
contains "$body" 'Save draft'
nf=$(grep -o 'name="v_[0-9]*"' body.txt | wc -l)
[ "$nf" = 12 ] || die "the vhxh form has $nf fields, want 12"
csrf=$(csrf_of)

# form data: every field, with overrides given as N=VALUE
form() {
	args="--data-urlencode csrf=$csrf --data-urlencode action=$1 --data-urlencode version=$2"
	shift 2
	i=0
	while [ $i -lt "$nf" ]; do
		v=$(( i % 2 == 0 ? 3 : 10 ))
		for o in "$@"; do
			case "$o" in "$i="*) v=${o#*=} ;; esac
		done
		args="$args --data-urlencode v_$i=$v"
		i=$((i + 1))
	done
	echo "$args"
}

# a bad number and a numerator above its denominator: nothing saved, each
# message next to its field, what was typed kept
# shellcheck disable=SC2046
JAR=rep.txt http POST "$F" $(form save 0 "0=abc" "2=50")
expect_status 400
contains "$body" "&#39;abc&#39; is not a number"
contains "$body" 'id="v_0" inputmode="decimal" autocomplete="off" value="abc" aria-labelledby="lg_0 r_0 c_0_2" aria-describedby="m_0 p_0" aria-invalid="true"'
[ "$(sql gemis.db "SELECT COUNT(*) FROM submissions")" = 0 ] || die "a refused form was saved"
# the same check as a field changes (htmx), with the indicator's other
# boxes: the changed box's message in place, the others' out of band
JAR=rep.txt http POST "$F/check" --data-urlencode "csrf=$csrf" --data-urlencode "v_0=12,5" --data-urlencode field=0
expect_status 200
contains "$body" "whole number"
JAR=rep.txt http POST "$F/check" --data-urlencode "csrf=$csrf" --data-urlencode "v_0=12" --data-urlencode field=0
expect_status 200
[ "$body" = '<span class="field-msg" id="m_0" role="status"></span>' ] || die "a good value got a message: $body"
JAR=rep.txt http POST "$F/check" --data-urlencode "csrf=$csrf" --data-urlencode "v_0=50" --data-urlencode "v_1=10" \
	--data-urlencode field=1
expect_status 200
contains "$body" '<span class="field-msg" id="m_0" role="status" hx-swap-oob="true">numerator 50 is greater than denominator 10 of Agencies with a female key leader'
contains "$body" '<span class="field-msg" id="m_1" role="status"></span>'
# every problem of a submission at once: not a number, negative,
# numerator above denominator, and the empty boxes
# shellcheck disable=SC2046
JAR=rep.txt http POST "$F" $(form submit 0 "0=50" "1=10" "2=abc" "4=-3" "6=")
expect_status 400
contains "$body" 'id="problems"'
for f in 0 2 4 6; do contains "$body" "<a href=\"#v_$f\">"; done
contains "$body" "is not a number"
contains "$body" "cannot be negative"
contains "$body" "numerator 50 is greater than denominator 10"
contains "$body" "every field must be filled in"

# a draft, then the submission; the values are not official yet
# shellcheck disable=SC2046
JAR=rep.txt http POST "$F" $(form save 0 "0=4") --data-urlencode "x_female_key_leaders=Hai cơ quan mới có lãnh đạo nữ"
expect_status 303
[ "$(header Location)" = "$F?done=save" ] || die "redirect after save"
[ "$(sql gemis.db "SELECT comment || '|' || by_user FROM value_comments WHERE indicator = 'female_key_leaders'")" = "Hai cơ quan mới có lãnh đạo nữ|binhlu.vhxh" ] ||
	die "the explanation is kept for the report"
JAR=rep.txt http GET "$F"
contains "$body" ">Hai cơ quan mới có lãnh đạo nữ</textarea>"
[ "$(sql gemis.db "SELECT status || ' ' || version || ' ' || updated_by FROM submissions")" = "draft 1 binhlu.vhxh" ] || die "draft"
# shellcheck disable=SC2046
JAR=rep.txt http POST "$F" $(form submit 1)
expect_status 400
contains "$body" "write the results of the agency"
[ "$(sql gemis.db "SELECT status FROM submissions")" = draft ] || die "submitted without a narrative"
# shellcheck disable=SC2046
JAR=rep.txt http POST "$F" $(form submit 1) --data-urlencode "narrative=Đã tổ chức 2 hội nghị tuyên truyền."
expect_status 303
[ "$(sql gemis.db "SELECT status || '|' || narrative FROM submissions")" = "submitted|Đã tổ chức 2 hội nghị tuyên truyền." ] || die "submitted"
[ "$(sql gemis.db "SELECT COUNT(*) FROM datavalues d JOIN value_batches b ON b.id = d.batch WHERE b.changed_by = 'binhlu.vhxh'")" = 0 ] || die "not official before approval"
# the reporter may not approve it, nor change it now
JAR=rep.txt http POST "$F" --data-urlencode "csrf=$csrf" --data-urlencode action=approve --data-urlencode version=2
expect_status 403
# shellcheck disable=SC2046
JAR=rep.txt http POST "$F" $(form save 2)
expect_status 409
contains "$body" "waits for approval"

# the focal point returns it (a comment is needed), the reporter fixes and
# submits again, the focal point approves
JAR=focal.txt sign_in binhlu gemis-demo-2026
JAR=focal.txt http GET /lang/en
JAR=focal.txt http GET /review
expect_status 200
contains "$body" "binhlu.vhxh"
JAR=focal.txt http GET "$F"
contains "$body" 'value="approve"'
fcsrf=$(csrf_of)
JAR=focal.txt http POST "$F" --data-urlencode "csrf=$fcsrf" --data-urlencode action=return --data-urlencode version=2 --data-urlencode comment=
expect_status 400
contains "$body" "say why the form is returned"
JAR=focal.txt http POST "$F" --data-urlencode "csrf=$fcsrf" --data-urlencode action=return --data-urlencode version=2 --data-urlencode "comment=Số cơ quan năm nay là 12"
expect_status 303
JAR=rep.txt http GET "$F"
contains "$body" "Số cơ quan năm nay là 12"
# shellcheck disable=SC2046
JAR=rep.txt http POST "$F" $(form submit 3 "0=5" "1=12")
expect_status 303

# a save over a newer version names who made it
# shellcheck disable=SC2046
JAR=focal.txt http POST "$F" $(csrf=$fcsrf form save 3)
expect_status 409
contains "$body" "binhlu.vhxh changed this form at"

# the dashboard before and after the approval
expect_ok "$GEMIS" progress --unit 03390 --year 2026 --json
before=$(echo "$out" | jq '.indicators[] | select(.indicator == "female_key_leaders") | .value')
JAR=focal.txt http POST "$F" --data-urlencode "csrf=$fcsrf" --data-urlencode action=approve --data-urlencode version=4
expect_status 303
[ "$(sql gemis.db "SELECT status || ' ' || decided_by FROM submissions")" = "approved binhlu" ] || die "approved"
JAR=focal.txt http GET /api/v1/progress?unit=03390\&year=2026
after=$(jq '.indicators[] | select(.indicator == "female_key_leaders") | .value' body.txt)
[ "$before" != "$after" ] || die "the approval did not change the figure ($before)"
awk "BEGIN { exit !($after > 41.66 && $after < 41.67) }" || die "5 of 12 agencies is 41.67%, got $after"
JAR=focal.txt http GET /
contains "$body" "41.67%"
[ "$(sql gemis.db "SELECT COUNT(*) FROM value_audit WHERE changed_by = 'binhlu.vhxh' AND source = 'form'")" -gt 0 ] || die "audit"
JAR=rep.txt http GET "$F"
contains "$body" "locked until the focal point reopens"
contains "$body" 'readonly'
not_contains "$body" 'value="submit"'

# approved values are locked for CSV uploads and the API...
printf 'unit,period,indicator,part,sex,value\n03390,2026,female_key_leaders,num,T,6\n' >locked.csv
JAR=focal.txt http GET /upload
ucsrf=$(csrf_of)
JAR=focal.txt http POST /upload -F "csrf=$ucsrf" -F "file=@locked.csv;type=text/csv"
expect_status 400
contains "$body" "approved form of vhxh"
expect_ok "$GEMIS" token create binhlu
token=$out
http POST /api/v1/values -H "Authorization: Bearer $token" -H "Content-Type: text/csv" --data-binary @locked.csv
expect_status 400
[ "$(jq -r '.problems[0].field' body.txt)" = value ] || die "API problem field"
[ "$(jq -r '.problems[0].line' body.txt)" = 2 ] || die "API problem line"
# ... and unlocked when the form is reopened
JAR=focal.txt http POST "$F" --data-urlencode "csrf=$fcsrf" --data-urlencode action=reopen --data-urlencode version=5
expect_status 303
http POST "/api/v1/values" -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
	--data '{"values": [{"unit": "03390", "period": "2026", "indicator": "female_key_leaders", "part": "num", "sex": "T", "value": 6}]}'
expect_status 200
[ "$(jq .updated body.txt)" = 1 ] || die "API import after reopening"
# API rows outside the account's scope are problems, not writes
http POST "/api/v1/values?dry_run=1" -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
	-H "Accept-Language: en" --data '{"values": [{"unit": "09385", "period": "2026", "indicator": "female_key_leaders", "part": "num", "sex": "T", "value": 1}]}'
expect_status 400
contains "$(jq -r '.problems[0].message' body.txt)" "may not write values of 09385"
http POST /api/v1/values -H "Authorization: Bearer $token" -H "Content-Type: application/json" --data '{"rows": []}'
expect_status 400

# the API's form workflow, with a token of the health station's reporter
expect_ok "$GEMIS" token create binhlu.yte
ytoken=$out
http GET /api/v1/submissions/03390/yte/2026 -H "Authorization: Bearer $ytoken"
expect_status 200
[ "$(jq -r .status body.txt)" = none ] || die "API form status"
fields=$(jq '[.fields[] | {indicator, part, sex, period, value: (if .part == "den" then 100 else 1 end)}]' body.txt)
http POST /api/v1/submissions/03390/yte/2026 -H "Authorization: Bearer $ytoken" -H "Content-Type: application/json" \
	--data "{\"action\": \"submit\", \"version\": 0, \"values\": $fields, \"explain\": {\"female_key_leaders\": \"x\"}}"
expect_status 400
http POST /api/v1/submissions/03390/yte/2026 -H "Authorization: Bearer $ytoken" -H "Content-Type: application/json" \
	--data "{\"action\": \"submit\", \"version\": 0, \"values\": $fields, \"explain\": {\"sex_ratio_at_birth\": \"Số trẻ sinh ít\"}, \"narrative\": \"Khám thai cho 120 phụ nữ.\"}"
expect_status 200
[ "$(sql gemis.db "SELECT comment FROM value_comments WHERE indicator = 'sex_ratio_at_birth'")" = "Số trẻ sinh ít" ] || die "API explanation"
[ "$(jq -r .status body.txt)" = submitted ] || die "API submit"
http POST /api/v1/submissions/03390/yte/2026 -H "Authorization: Bearer $ytoken" -H "Content-Type: application/json" \
	--data '{"action": "approve", "version": 1}'
expect_status 403
http POST /api/v1/submissions/03390/vhxh/2026 -H "Authorization: Bearer $ytoken" -H "Content-Type: application/json" \
	--data '{"action": "save", "version": 6, "values": []}'
expect_status 403
http POST /api/v1/submissions/03390/yte/2026 -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
	--data '{"action": "approve", "version": 0}'
expect_status 409
http POST /api/v1/submissions/03390/yte/2026 -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
	--data '{"action": "approve", "version": 1, "extra": 1}'
expect_status 400
http POST /api/v1/submissions/03390/yte/2026 -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
	--data '{"action": "approve", "version": 1}'
expect_status 200
http GET "/api/v1/submissions?unit=03390&year=2026" -H "Authorization: Bearer $token"
[ "$(jq '.submissions | length' body.txt)" = 2 ] || die "API list"
# the session works for the API too, with the CSRF header on changes
JAR=focal.txt http POST /api/v1/submissions/03390/yte/2026 -H "Content-Type: application/json" --data '{"action": "reopen", "version": 2}'
expect_status 403
JAR=focal.txt http POST /api/v1/submissions/03390/yte/2026 -H "X-CSRF-Token: $fcsrf" -H "Content-Type: application/json" --data '{"action": "reopen", "version": 2}'
expect_status 200

# the dashboard's reporting status
JAR=focal.txt http GET /
contains "$body" "Health station"
contains "$body" 'sub-draft'

# a plan document: read, its lint shown, refused when it contradicts itself
expect_ok "$GEMIS" user add hb.focal --role focal --unit 10816 --password-stdin <<EOF
a long enough password
EOF
JAR=hb.txt sign_in hb.focal "a long enough password"
JAR=hb.txt http GET /lang/en
JAR=hb.txt http GET /plan/10816
hcsrf=$(csrf_of)
JAR=hb.txt http POST /plan/10816/upload -F "csrf=$hcsrf" -F "file=@$ROOT/tests/plan/lint.txt;type=text/plain"
expect_status 303
review=$(header Location)
JAR=hb.txt http GET "$review"
expect_status 200
# the findings in words, their codes (numbering_gap, typo) not shown
contains "$body" "numbering skips a number"
contains "$body" "possible typing error"
not_contains "$body" "numbering_gap"
contains "$body" "contradicts"
not_contains "$body" "/plan/10816/apply"
# another unit's plan is refused
JAR=hb.txt http POST /plan/10816/upload -F "csrf=$hcsrf" -F "file=@$ROOT/tests/plan/assignments.txt;type=text/plain"
expect_status 400
contains "$body" "not to"
# the focal point of Bình Lư applies its own; uploads never applied are
# kept a week for review, applied ones stay as the plan's provenance
old=$(($(date +%s) - 8 * 86400))
sql gemis.db "INSERT INTO plan_uploads (unit_id, user_id, filename, plan_json, created_at, applied_at)
	SELECT unit_id, user_id, 'stale.txt', plan_json, $old, NULL FROM plan_uploads LIMIT 1;
	INSERT INTO plan_uploads (unit_id, user_id, filename, plan_json, created_at, applied_at)
	SELECT unit_id, user_id, 'applied.txt', plan_json, $old, $old FROM plan_uploads LIMIT 1"
JAR=focal.txt http GET /plan/03390
pcsrf=$(csrf_of)
JAR=focal.txt http POST /plan/03390/upload -F "csrf=$pcsrf" -F "file=@$ROOT/tests/plan/assignments.txt;type=text/plain"
expect_status 303
[ "$(sql gemis.db "SELECT COUNT(*) FROM plan_uploads WHERE filename = 'stale.txt'")" = 0 ] || die "a week-old upload is kept"
[ "$(sql gemis.db "SELECT COUNT(*) FROM plan_uploads WHERE filename = 'applied.txt'")" = 1 ] || die "an applied upload was removed"
[ "$(sql gemis.db "SELECT COUNT(*) FROM plan_uploads WHERE filename = 'lint.txt'")" = 1 ] || die "a fresh upload was removed"
review=$(header Location)
id=${review##*/}
JAR=focal.txt http GET "$review"
contains "$body" "/plan/03390/apply"
cur=$(grep -o 'name="current" value="[0-9]*"' body.txt | sed 's/.*value="//;s/"//')
JAR=focal.txt http POST /plan/03390/apply --data-urlencode "csrf=$pcsrf" --data-urlencode "upload=$id" \
	--data-urlencode "current=$cur" --data-urlencode confirm=1
expect_status 303
[ "$(sql gemis.db "SELECT COUNT(*) FROM plans WHERE superseded_at IS NOT NULL")" = 1 ] || die "the old plan stays in the history"
JAR=focal.txt http GET /api/v1/plans/03390
[ "$(jq -r '.plan.assignments.vhxh | length' body.txt)" = 3 ] || die "the new plan's assignments"
JAR=focal.txt http POST /plan/03390/apply --data-urlencode "csrf=$pcsrf" --data-urlencode "upload=$id" \
	--data-urlencode "current=$cur" --data-urlencode confirm=1
expect_status 404

# editing the plan in force: a target value, and a stale edit is refused
JAR=focal.txt http GET /plan/03390
pid=$(grep -o 'name="plan" value="[0-9]*"' body.txt | head -1 | sed 's/.*value="//;s/"//')
JAR=focal.txt http POST /plan/03390 --data-urlencode "csrf=$pcsrf" --data-urlencode "plan=$pid" \
	--data-urlencode "t0_value=75" --data-urlencode "t0_dir=at_least" --data-urlencode "t0_year=2030" \
	--data-urlencode "deadline_day=25" --data-urlencode "deadline_month=11" \
	--data-urlencode "a_vhxh_female_key_leaders=1"
expect_status 303
JAR=focal.txt http GET /api/v1/plans/03390
[ "$(jq '.plan.targets[0].value' body.txt)" = 75 ] || die "the edited target"
[ "$(jq '.plan.deadline.day' body.txt)" = 25 ] || die "the edited deadline"
[ "$(jq -c '.plan.assignments' body.txt)" = '{"vhxh":["female_key_leaders"]}' ] || die "the edited assignments"
JAR=focal.txt http POST /plan/03390 --data-urlencode "csrf=$pcsrf" --data-urlencode "plan=$pid" --data-urlencode "t0_value=80"
expect_status 409

stop_server
