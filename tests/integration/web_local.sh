# A commune's own targets on the web and in the API (issue 17, S5): a plan
# applied from the web with two numeric targets outside the catalog (a %
# at_most, a count of "lao động" at_least) and a qualitative one says how
# many became local indicators; their page lists L1 and L2 with targets,
# owing agency and status; the owing agency's reporter records a value by
# the form (CSRF) and by the API; a stale version is refused naming who
# recorded, a bad value naming "value", another agency's reporter with
# 403; an approved form's year is locked; the unit's page and the agency's
# form link to them.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

# the demo's yearly form of the culture-social office is approved
expect_ok "$GEMIS" demo --forms
cat >plan.json <<'JSON'
{"document": {"number": "77/KH-UBND", "date": "2026-02-01", "period": [2026, 2030],
  "title": "Thực hiện bình đẳng giới trên địa bàn xã Bình Lư",
  "unit": {"level": "commune", "name": "Bình Lư", "code": "03390"}},
 "references": [],
 "targets": [
  {"indicator": "dv_victims_supported", "goal": "family", "value": 90, "unit": "%", "direction": "at_least",
   "year": 2030, "baseline": null, "text": "90% người bị bạo lực gia đình được hỗ trợ"},
  {"indicator": "female_wage_workers", "goal": "economy", "value": 60, "unit": "%", "direction": "at_least",
   "year": 2030, "baseline": null, "text": "Tỷ lệ lao động nữ làm công hưởng lương đạt 60%"},
  {"indicator": "custom", "goal": "family", "value": 5, "unit": "%", "direction": "at_most", "year": 2030,
   "baseline": {"value": 12, "year": 2025}, "text": "Giảm tỷ lệ tảo hôn xuống dưới 5% vào năm 2030"},
  {"indicator": "custom", "goal": "economy", "value": 50, "unit": "lao động", "direction": "at_least", "year": 2026,
   "baseline": null, "text": "Hỗ trợ ít nhất 50 lao động nữ chuyển đổi nghề trong năm 2026"},
  {"indicator": "custom", "goal": "communication", "value": null, "unit": null, "direction": "achieve", "year": 2030,
   "baseline": null, "text": "Duy trì chuyên mục bình đẳng giới trên loa truyền thanh"}],
 "aims": [], "agencies": ["vhxh", "kinhte"],
 "assignments": {"vhxh": ["dv_victims_supported"], "kinhte": ["female_wage_workers"]},
 "deadline": {"day": 30, "month": 11, "year": null, "to": "vhxh"}, "lint": []}
JSON
expect_ok "$GEMIS" token create binhlu.vhxh
vtok=$out
expect_ok "$GEMIS" token create binhlu.kinhte
ktok=$out
expect_ok "$GEMIS" token create binhlu
ftok=$out
export GEMIS_TODAY=2026-12-05
start_server
for a in focal:binhlu vhxh:binhlu.vhxh kinhte:binhlu.kinhte; do
	JAR=${a%%:*}.jar sign_in "${a#*:}" gemis-demo-2026
	JAR=${a%%:*}.jar http GET /lang/en?next=/
done

# --- the plan applied from the web says what became of its own targets ----
JAR=focal.jar http GET /plan/03390
csrf=$(csrf_of)
JAR=focal.jar http POST /plan/03390/upload -F "csrf=$csrf" -F "file=@plan.json;type=application/json"
expect_status 303
review=$(header Location)
# the review says which of the plan's own targets become local indicators
JAR=focal.jar http GET "$review"
expect_status 200
[ "$(grep -o '(a local indicator of the unit)' body.txt | wc -l)" = 2 ] || die "the review's local indicators: $body"
contains "$body" "(no value: not stored)"
current=$(sql gemis.db "SELECT p.id FROM plans p JOIN units u ON u.id = p.unit_id WHERE u.code = '03390' AND p.superseded_at IS NULL")
JAR=focal.jar http POST /plan/03390/apply --data-urlencode "csrf=$csrf" --data-urlencode "upload=${review##*/}" \
	--data-urlencode "current=$current" --data-urlencode confirm=1
expect_status 303
JAR=focal.jar http GET "$(header Location)"
expect_status 200
contains "$body" "2 targets of the plan&#39;s own became local indicators of the unit."
contains "$body" "1 target of the plan&#39;s own has no value: it was not stored."
contains "$body" 'href="/units/03390/local"'

# --- the page: L1 and L2 with their targets, agencies, no status yet --------
JAR=vhxh.jar http GET "/units/03390/local?year=2026"
expect_status 200
row() { printf '%s' "$body" | tr -d '\n' | grep -o "<tr id=\"$1\".*" | sed 's|</tr>.*||'; }
l1=$(row L1)
l2=$(row L2)
printf '%s' "$l1" | grep -q "tảo hôn" || die "L1 is not the child-marriage target: $l1"
printf '%s' "$l1" | grep -q "≤ 5% (2030)" || die "L1's target: $l1"
printf '%s' "$l1" | grep -q "Culture" || die "L1's agency: $l1"
printf '%s' "$l2" | grep -q "lao động nữ chuyển đổi nghề" || die "L2's name: $l2"
printf '%s' "$l2" | grep -q "≥ 50 lao động (2026)" || die "L2's target: $l2"
printf '%s' "$l2" | grep -q "Economic" || die "L2's agency: $l2"
not_contains "$body" "loa truyền thanh"
# the culture-social office's form of 2026 is approved: no form on L1, the
# lock said; none on L2, another agency's
printf '%s' "$l1" | grep -q "locked until the focal point reopens it" || die "L1 not locked: $l1"
printf '%s' "$l2" | grep -q 'name="value"' && die "a form on another agency's L2"
csrf=$(csrf_of)
[ -n "$csrf" ] || die "no CSRF token on the page"
nvalues=$(sql gemis.db "SELECT COUNT(*) FROM local_values")
JAR=vhxh.jar http POST /units/03390/local/L1 --data-urlencode "csrf=$csrf" --data-urlencode year=2026 \
	--data-urlencode version=0 --data-urlencode value=3
expect_status 409
contains "$body" "locked"
[ "$(sql gemis.db "SELECT COUNT(*) FROM local_values")" = "$nvalues" ] || die "a locked year's value was stored"

# the focal point reopens the form: the office records by the form
fcsrf=$(JAR=focal.jar csrf_token)
JAR=focal.jar http GET /api/v1/submissions/03390/vhxh/2026
fversion=$(jq -r .version body.txt)
JAR=focal.jar http POST /api/v1/submissions/03390/vhxh/2026 -H "X-CSRF-Token: $fcsrf" -H "Content-Type: application/json" \
	--data "{\"action\": \"reopen\", \"version\": $fversion, \"comment\": \"thêm chỉ tiêu riêng\"}"
expect_status 200
JAR=vhxh.jar http GET "/units/03390/local?year=2026"
l1=$(row L1)
printf '%s' "$l1" | grep -q 'name="version" value="0"' || die "L1's form and version: $l1"
# no CSRF token: refused
JAR=vhxh.jar http POST /units/03390/local/L1 --data-urlencode year=2026 --data-urlencode version=0 --data-urlencode value=3
expect_status 403
# a bad value names the field, nothing stored
for bad in abc -2 ""; do
	JAR=vhxh.jar http POST /units/03390/local/L1 --data-urlencode "csrf=$csrf" --data-urlencode year=2026 \
		--data-urlencode version=0 --data-urlencode "value=$bad"
	expect_status 400
	contains "$body" 'role="alert">Value: '
done
[ "$(sql gemis.db "SELECT COUNT(*) FROM local_values")" = "$nvalues" ] || die "a bad value was stored"
JAR=vhxh.jar http POST /units/03390/local/L1 --data-urlencode "csrf=$csrf" --data-urlencode year=2026 \
	--data-urlencode version=0 --data-urlencode value=3,5 --data-urlencode "note=Theo báo cáo trạm y tế"
expect_status 303
JAR=vhxh.jar http GET "$(header Location)"
contains "$body" "Saved."
l1=$(row L1)
printf '%s' "$l1" | grep -q "3[.,]5%" || die "L1's value: $l1"
printf '%s' "$l1" | grep -q "st-achieved" || die "L1 (3.5% ≤ 5%) not achieved: $l1"
printf '%s' "$l1" | grep -q "Theo báo cáo trạm y tế" || die "L1's note: $l1"
v1=$(sql gemis.db "SELECT MAX(id) FROM local_values")
printf '%s' "$l1" | grep -q "name=\"version\" value=\"$v1\"" || die "L1's form does not carry the new version $v1: $l1"
# a stale version: refused, naming who recorded
JAR=vhxh.jar http POST /units/03390/local/L1 --data-urlencode "csrf=$csrf" --data-urlencode year=2026 \
	--data-urlencode version=0 --data-urlencode value=4
expect_status 409
contains "$body" "binhlu.vhxh"
# another agency's reporter may not record it: 403 (page and API)
kcsrf=$(JAR=kinhte.jar csrf_token)
JAR=kinhte.jar http POST /units/03390/local/L1 --data-urlencode "csrf=$kcsrf" --data-urlencode year=2026 \
	--data-urlencode "version=$v1" --data-urlencode value=4
expect_status 403
http POST /api/v1/units/03390/local-indicators/L1/values -H "Authorization: Bearer $ktok" \
	-H "Content-Type: application/json" --data "{\"year\": 2026, \"value\": 4, \"version\": $v1}"
expect_status 403
# an unknown label
http POST /api/v1/units/03390/local-indicators/L9/values -H "Authorization: Bearer $ktok" \
	-H "Content-Type: application/json" --data '{"year": 2026, "value": 4, "version": 0}'
expect_status 404
[ "$(sql gemis.db "SELECT COUNT(*) FROM local_values")" = $((nvalues + 1)) ] || die "a refused value was stored"

# --- the API ------------------------------------------------------------------
http GET "/api/v1/units/03390/local-indicators?year=2026" -H "Authorization: Bearer $ktok"
expect_status 200
[ "$(jq -r '[.local_indicators[].label] | join(",")' body.txt)" = "L1,L2" ] || die "the API's labels: $body"
[ "$(jq -r '.local_indicators[0] | "\(.agency) \(.unit) \(.polarity) \(.target.direction) \(.target.value) \(.target.year) \(.value.value) \(.version) \(.status)"' body.txt)" = \
	"vhxh % lower at_most 5 2030 3.5 $v1 achieved" ] || die "L1 in the API: $(jq -c '.local_indicators[0]' body.txt)"
[ "$(jq -r '.local_indicators[1] | "\(.agency) \(.unit) \(.goal) \(.in_force) \(.value) \(.version) \(.status)"' body.txt)" = \
	"kinhte lao động economy true null 0 no_data" ] || die "L2 in the API: $(jq -c '.local_indicators[1]' body.txt)"
# bad values: a text, a negative count, an unknown field; each names it
for bad in '"value": "abc"' '"value": -3' '"value": 20, "valeur": 1'; do
	http POST /api/v1/units/03390/local-indicators/L2/values -H "Authorization: Bearer $ktok" \
		-H "Content-Type: application/json" --data "{\"year\": 2026, $bad, \"version\": 0}"
	expect_status 400
	jq -e '[.problems[]?.field, .error.field] | map(select(. == "value" or . == "valeur")) | length > 0' body.txt >/dev/null ||
		die "400 not naming the field for $bad: $body"
done
http POST /api/v1/units/03390/local-indicators/L2/values -H "Authorization: Bearer $ktok" \
	-H "Content-Type: application/json" --data '{"year": 2026, "value": 20, "note": "Đã hỗ trợ 20 lao động", "version": 0}'
expect_status 201
v2=$(jq -r .id body.txt)
[ "$v2" -gt "$v1" ] || die "the record's id: $body"
[ "$(jq -r '"\(.label) \(.value.value) \(.version) \(.status)"' body.txt)" = "L2 20 $v2 off_track" ] ||
	die "L2 (20 < 50 in its year) is not off track: $body"
# stale
http POST /api/v1/units/03390/local-indicators/L2/values -H "Authorization: Bearer $ktok" \
	-H "Content-Type: application/json" --data '{"year": 2026, "value": 25, "version": 0}'
expect_status 409
contains "$body" "binhlu.kinhte"
JAR=kinhte.jar http GET "/units/03390/local?year=2026"
l2=$(row L2)
printf '%s' "$l2" | grep -q ">off track<" || die "L2 on the page: $l2"

# the economic office's form of 2026 approved: its values are locked
http GET /api/v1/submissions/03390/kinhte/2026 -H "Authorization: Bearer $ktok"
expect_status 200
fields=$(jq '[.fields[] | {indicator, part, sex, period, value: (if .part == "den" then 100 else 1 end)}]' body.txt)
sversion=$(jq -r .version body.txt)
http POST /api/v1/submissions/03390/kinhte/2026 -H "Authorization: Bearer $ktok" -H "Content-Type: application/json" \
	--data "{\"action\": \"submit\", \"version\": $sversion, \"values\": $fields, \"narrative\": \"Hỗ trợ 20 lao động nữ.\"}"
expect_status 200
sversion=$(jq -r .version body.txt)
http POST /api/v1/submissions/03390/kinhte/2026 -H "Authorization: Bearer $ftok" -H "Content-Type: application/json" \
	--data "{\"action\": \"approve\", \"version\": $sversion}"
expect_status 200
http POST /api/v1/units/03390/local-indicators/L2/values -H "Authorization: Bearer $ktok" \
	-H "Content-Type: application/json" --data "{\"year\": 2026, \"value\": 60, \"version\": $v2}"
expect_status 409
contains "$body" "bị khóa: đầu mối phải mở lại biểu mẫu trước"
JAR=kinhte.jar http GET "/units/03390/local?year=2026"
printf '%s' "$(row L2)" | grep -q "locked until the focal point reopens it" || die "L2 not locked on the page"

# --- links: the unit's page, the agency's form --------------------------------
JAR=focal.jar http GET "/?unit=03390&year=2026"
contains "$body" '<a href="/units/03390/local?year=2026">2 local indicators</a>'
JAR=vhxh.jar http GET /entry/03390/vhxh/2026
contains "$body" "this agency records"
contains "$body" 'href="/units/03390/local?year=2026#L1">L1</a>'
not_contains "$body" "#L2"

# --- a commune with none, in Vietnamese ---------------------------------------
JAR=vi.jar sign_in admin gemis-demo-2026
JAR=vi.jar http GET /units/03394/local
expect_status 200
contains "$body" "Kế hoạch của xã không có chỉ tiêu riêng"
JAR=vi.jar http GET "/?unit=03394"
not_contains "$body" "/units/03394/local"
stop_server
