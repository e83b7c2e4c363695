# backends: sqlite postgresql
# Inspections and supervision (issue 15) on the web, in the API and on the
# command line: a commune's inspection plan of the demo (the commune's, the
# Fatherland Front's and the province's), an inspection added and held, a
# recommendation issued, followed up by its agency and closed along
# wf_recommendation; refusals that name the field and store nothing
# (dates out of order, an unknown body, a deadline before the inspection,
# a recommendation of an inspection not held), the bodies each role may
# record for, another agency's follow-up, a stale version; the overdue
# recommendation on the dashboard; the yearly report's section; the
# province's glance at its communes.
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo --forms
for a in binhlu binhlu.vhxh laichau; do
	expect_ok "$GEMIS" token create "$a"
	eval "tok_$(printf '%s' "$a" | tr . _)=\$out"
done
export GEMIS_TODAY=2026-12-15
start_server
for a in focal:binhlu vhxh:binhlu.vhxh yte:binhlu.yte prov:laichau viewer:binhlu.viewer; do
	JAR=${a%%:*}.jar sign_in "${a#*:}" gemis-demo-2026
	JAR=${a%%:*}.jar http GET /lang/en?next=/
	eval "csrf_${a%%:*}=\$(JAR=${a%%:*}.jar csrf_token)"
done
api() { # TOKEN METHOD PATH [CURL ARGS]
	tok=$1
	shift
	http "$@" -H "Authorization: Bearer $tok" -H "Accept-Language: en"
}
count() { sql gemis.db "SELECT COUNT(*) FROM $1"; }

# --- the demo's plan: five inspections, one still to be held -------------
JAR=focal.jar http GET "/inspections?year=2026"
expect_status 200
contains "$body" "<strong>5</strong> inspections planned"
contains "$body" "<strong>4</strong> held"
contains "$body" "Giám sát việc thực hiện chính sách hỗ trợ phụ nữ phát triển kinh tế tại Bản Nà Ún"
contains "$body" "the Fatherland Front (supervision)"
contains "$body" 'action="/inspections"'
# the health station's recommendation (due 31/10, not followed up) is
# overdue; the economic office's (due 30/09) was followed up: the next
# step is the inspectors', so it is not
contains "$body" '<li class="late"><strong>1</strong> overdue</li>'

# the dashboard lists it, as it lists late forms
JAR=focal.jar http GET "/?unit=03390&year=2026"
expect_status 200
insp3=$(sql gemis.db "SELECT inspection_id FROM recommendations WHERE agency = 'yte'")
contains "$body" "href=\"/inspections/03390/$insp3\">Inspection&#39;s recommendation</a> · Health station · due 31/10/2026 · overdue"
# the health station's own list has it; the culture-social office's not
JAR=yte.jar http GET "/?year=2026"
contains "$body" "href=\"/inspections/03390/$insp3\""
JAR=vhxh.jar http GET "/?year=2026"
not_contains "$body" "href=\"/inspections/03390/$insp3\""

# --- an inspection added, refused first ----------------------------------
n0=$(count inspections)
JAR=focal.jar http POST /inspections --data-urlencode "csrf=$csrf_focal" --data-urlencode unit=03390 \
	--data-urlencode year=2026 --data-urlencode body=commune --data-urlencode agency=vhxh \
	--data-urlencode "subject=Kiểm tra công tác truyền thông" --data-urlencode from=2026-12-10 --data-urlencode to=2026-12-01
expect_status 400
contains "$body" "to: the planned end is before the planned start"
JAR=focal.jar http POST /inspections --data-urlencode "csrf=$csrf_focal" --data-urlencode unit=03390 \
	--data-urlencode year=2026 --data-urlencode body=ministry --data-urlencode "subject=x" \
	--data-urlencode from=2026-12-01 --data-urlencode to=2026-12-10
expect_status 400
contains "$body" "body: unknown inspecting body"
# a focal point records the commune's and the Front's, not the province's
JAR=focal.jar http POST /inspections --data-urlencode "csrf=$csrf_focal" --data-urlencode unit=03390 \
	--data-urlencode year=2026 --data-urlencode body=province --data-urlencode "subject=x" \
	--data-urlencode from=2026-12-01 --data-urlencode to=2026-12-10
expect_status 403
# nor may an agency or a viewer, nor anyone another commune's
JAR=vhxh.jar http POST /inspections --data-urlencode "csrf=$csrf_vhxh" --data-urlencode unit=03390 \
	--data-urlencode year=2026 --data-urlencode body=commune --data-urlencode "subject=x" \
	--data-urlencode from=2026-12-01 --data-urlencode to=2026-12-10
expect_status 403
JAR=focal.jar http POST /inspections --data-urlencode "csrf=$csrf_focal" --data-urlencode unit=03394 \
	--data-urlencode year=2026 --data-urlencode body=commune --data-urlencode "subject=x" \
	--data-urlencode from=2026-12-01 --data-urlencode to=2026-12-10
expect_status 403
[ "$(count inspections)" = "$n0" ] || die "a refused inspection was stored"
JAR=focal.jar http POST /inspections --data-urlencode "csrf=$csrf_focal" --data-urlencode unit=03390 \
	--data-urlencode year=2026 --data-urlencode body=commune --data-urlencode agency=vhxh \
	--data-urlencode "subject=Kiểm tra công tác truyền thông <b>" --data-urlencode from=2026-12-01 --data-urlencode to=2026-12-10
expect_status 303
id=$(header Location | sed 's|^/inspections/03390/\([0-9]*\).*|\1|')
[ -n "$id" ] || die "no inspection in $(header Location)"
JAR=focal.jar http GET "/inspections/03390/$id"
expect_status 200
contains "$body" "Kiểm tra công tác truyền thông &lt;b&gt;"
ver=$(grep -o 'name="version" value="[0-9]*"' body.txt | head -1 | grep -o '[0-9]*')
[ "$ver" = 1 ] || die "version $ver"
# no recommendation before it is held
JAR=focal.jar http POST "/inspections/03390/$id/recommendations" --data-urlencode "csrf=$csrf_focal" \
	--data-urlencode "text=Tăng tin bài" --data-urlencode agency=vhxh --data-urlencode due=2027-01-31
expect_status 400
contains "$body" "an inspection issues recommendations once it is held"
# held: findings without the day, and a day after today, are refused
JAR=focal.jar http POST "/inspections/03390/$id" --data-urlencode "csrf=$csrf_focal" --data-urlencode version=1 \
	--data-urlencode body=commune --data-urlencode agency=vhxh --data-urlencode "subject=Kiểm tra công tác truyền thông" \
	--data-urlencode from=2026-12-01 --data-urlencode to=2026-12-10 --data-urlencode "findings=Thiếu tin bài quý IV"
expect_status 400
contains "$body" "findings: findings need the day the inspection was held"
JAR=focal.jar http POST "/inspections/03390/$id" --data-urlencode "csrf=$csrf_focal" --data-urlencode version=1 \
	--data-urlencode body=commune --data-urlencode agency=vhxh --data-urlencode "subject=Kiểm tra công tác truyền thông" \
	--data-urlencode from=2026-12-01 --data-urlencode to=2026-12-10 --data-urlencode held_on=2026-12-20
expect_status 400
contains "$body" "held_on: the day it was held is after today"
JAR=focal.jar http POST "/inspections/03390/$id" --data-urlencode "csrf=$csrf_focal" --data-urlencode version=1 \
	--data-urlencode body=commune --data-urlencode agency=vhxh --data-urlencode "subject=Kiểm tra công tác truyền thông" \
	--data-urlencode from=2026-12-01 --data-urlencode to=2026-12-10 --data-urlencode held_on=2026-12-08 \
	--data-urlencode "findings=Thiếu tin bài quý IV"
expect_status 303
# the same version again: someone changed it since
JAR=focal.jar http POST "/inspections/03390/$id" --data-urlencode "csrf=$csrf_focal" --data-urlencode version=1 \
	--data-urlencode body=commune --data-urlencode "subject=x" --data-urlencode from=2026-12-01 --data-urlencode to=2026-12-10
expect_status 409
# a deadline before the inspection is refused
JAR=focal.jar http POST "/inspections/03390/$id/recommendations" --data-urlencode "csrf=$csrf_focal" \
	--data-urlencode "text=Tăng tin bài" --data-urlencode agency=vhxh --data-urlencode due=2026-12-01
expect_status 400
contains "$body" "due: the deadline is before the inspection was held"
JAR=focal.jar http POST "/inspections/03390/$id/recommendations" --data-urlencode "csrf=$csrf_focal" \
	--data-urlencode "text=Tăng tin bài" --data-urlencode agency=nobody --data-urlencode due=2027-01-31
expect_status 400
contains "$body" "agency: unknown agency"
JAR=focal.jar http POST "/inspections/03390/$id/recommendations" --data-urlencode "csrf=$csrf_focal" \
	--data-urlencode "text=Tăng tin bài quý I/2027" --data-urlencode agency=vhxh --data-urlencode due=2027-01-31
expect_status 303
rec=$(sql gemis.db "SELECT id FROM recommendations WHERE inspection_id = $id")
[ -n "$rec" ] || die "no recommendation stored"

# --- its follow-up --------------------------------------------------------
# the culture-social office sees the button; the health station not
JAR=vhxh.jar http GET "/inspections/03390/$id"
contains "$body" "action=\"/recommendations/03390/$rec\""
contains "$body" 'value="follow_up"'
not_contains "$body" 'value="close"'
not_contains "$body" 'action="/inspections/03390/'"$id"'/recommendations"'
JAR=yte.jar http POST "/recommendations/03390/$rec" --data-urlencode "csrf=$csrf_yte" --data-urlencode action=follow_up \
	--data-urlencode version=1 --data-urlencode "comment=x"
expect_status 403
# a follow-up says what was done
JAR=vhxh.jar http POST "/recommendations/03390/$rec" --data-urlencode "csrf=$csrf_vhxh" --data-urlencode action=follow_up \
	--data-urlencode version=1
expect_status 400
JAR=vhxh.jar http POST "/recommendations/03390/$rec" --data-urlencode "csrf=$csrf_vhxh" --data-urlencode action=follow_up \
	--data-urlencode version=1 --data-urlencode "comment=Đã phát 6 tin trong tháng 12"
expect_status 303
# the agency may not close it, the focal point may; once, on its version
JAR=vhxh.jar http POST "/recommendations/03390/$rec" --data-urlencode "csrf=$csrf_vhxh" --data-urlencode action=close \
	--data-urlencode version=2
expect_status 403
JAR=focal.jar http POST "/recommendations/03390/$rec" --data-urlencode "csrf=$csrf_focal" --data-urlencode action=close \
	--data-urlencode version=1
expect_status 409
JAR=focal.jar http POST "/recommendations/03390/$rec" --data-urlencode "csrf=$csrf_focal" --data-urlencode action=close \
	--data-urlencode version=2
expect_status 303
JAR=focal.jar http POST "/recommendations/03390/$rec" --data-urlencode "csrf=$csrf_focal" --data-urlencode action=close \
	--data-urlencode version=3
expect_status 409
JAR=focal.jar http GET "/inspections/03390/$id"
contains "$body" "Đã phát 6 tin trong tháng 12"
[ "$(sql gemis.db "SELECT action || ':' || state FROM recommendation_steps WHERE recommendation_id = $rec ORDER BY id" | tr '\n' ' ')" = \
	"issue:issued follow_up:followed_up close:closed " ] || die "the steps kept"

# the viewer reads, without a form
JAR=viewer.jar http GET "/inspections/03390/$id"
expect_status 200
not_contains "$body" 'name="version"'
JAR=viewer.jar http POST "/inspections/03390/$id/recommendations" --data-urlencode "csrf=$csrf_viewer" \
	--data-urlencode "text=x" --data-urlencode agency=vhxh --data-urlencode due=2027-01-31
expect_status 403

# --- the province ---------------------------------------------------------
JAR=prov.jar http GET "/inspections?unit=12&year=2026"
expect_status 200
contains "$body" "1 of the 38 communes and wards held an inspection."
contains "$body" "<th>Unit</th>"
# it records its own inspection of a commune, not the commune's
pinsp=$(sql gemis.db "SELECT id FROM inspections WHERE body = 'province'")
cinsp=$(sql gemis.db "SELECT id FROM inspections WHERE body = 'commune' ORDER BY id LIMIT 1")
JAR=prov.jar http GET "/inspections/03390/$pinsp"
contains "$body" 'name="version"'
JAR=prov.jar http POST "/inspections/03390/$cinsp" --data-urlencode "csrf=$csrf_prov" --data-urlencode version=1 \
	--data-urlencode body=commune --data-urlencode "subject=x" --data-urlencode from=2026-03-10 --data-urlencode to=2026-03-20
expect_status 403

# --- the Fatherland Front's supervisor: its own supervision records only ---
JAR=mttq.jar sign_in binhlu.mttq gemis-demo-2026
csrf_mttq=$(JAR=mttq.jar csrf_token)
JAR=mttq.jar http POST /inspections --data-urlencode "csrf=$csrf_mttq" --data-urlencode unit=03390 \
	--data-urlencode year=2026 --data-urlencode body=commune --data-urlencode "subject=x" \
	--data-urlencode from=2026-12-01 --data-urlencode to=2026-12-10
expect_status 403
JAR=mttq.jar http POST "/inspections/03390/$cinsp" --data-urlencode "csrf=$csrf_mttq" --data-urlencode version=1 \
	--data-urlencode body=front --data-urlencode "subject=x" --data-urlencode from=2026-03-10 --data-urlencode to=2026-03-20
expect_status 403
JAR=mttq.jar http POST /inspections --data-urlencode "csrf=$csrf_mttq" --data-urlencode unit=03390 \
	--data-urlencode year=2026 --data-urlencode body=front --data-urlencode "subject=Giám sát Tháng hành động" \
	--data-urlencode from=2026-12-01 --data-urlencode to=2026-12-10 --data-urlencode held_on=2026-12-05
expect_status 303
sid=$(header Location | sed 's|^/inspections/03390/\([0-9]*\).*|\1|')
[ "$(sql gemis.db "SELECT body || ' ' || created_by FROM inspections WHERE id = $sid")" = "front binhlu.mttq" ] ||
	die "the supervisor's record"
# ... and the Front's recommendation, which the Front closes, not the agency
frec=$(sql gemis.db "SELECT r.id FROM recommendations r JOIN inspections i ON i.id = r.inspection_id WHERE i.body = 'front'")
JAR=mttq.jar http POST "/recommendations/03390/$frec" --data-urlencode "csrf=$csrf_mttq" --data-urlencode action=close \
	--data-urlencode version=2
expect_status 303
JAR=mttq.jar http POST "/recommendations/03390/$rec" --data-urlencode "csrf=$csrf_mttq" --data-urlencode action=close \
	--data-urlencode version=3
expect_status 403
n_front=$(sql gemis.db "SELECT COUNT(*) FROM inspections WHERE body = 'front'")
[ "$n_front" = 2 ] || die "front inspections: $n_front"

# --- the API --------------------------------------------------------------
api "$tok_binhlu" GET "/api/v1/inspections?unit=03390&year=2026"
expect_status 200
jq -e '.summary.planned == 7 and .summary.held == 6 and .summary.overdue == 1 and .summary.by_body.front == 2' \
	body.txt >/dev/null || die "the summary: $body"
api "$tok_laichau" POST /api/v1/inspections -H "Content-Type: application/json" \
	--data '{"unit": "03390", "year": 2026, "body": "province", "subject": "Giám sát chuyên đề", "from": "2026-12-12", "to": "2026-12-01"}'
expect_status 400
jq -e '.problems[0].field == "to"' body.txt >/dev/null || die "the field: $body"
api "$tok_laichau" POST /api/v1/inspections -H "Content-Type: application/json" \
	--data '{"unit": "03390", "year": 2026, "body": "province", "subject": "Giám sát chuyên đề", "from": "2026-12-01", "to": "2026-12-12", "held_on": "2026-12-11", "findings": "Tốt"}'
expect_status 201
aid=$(jq -r .id body.txt)
api "$tok_laichau" POST "/api/v1/inspections/03390/$aid/recommendations" -H "Content-Type: application/json" \
	--data '{"text": "Duy trì", "agency": "vhxh", "due": "2027-03-31"}'
expect_status 201
arec=$(jq -r '.recommendations[0].id' body.txt)
jq -e '.recommendations[0].state == "issued" and .recommendations[0].steps[0].action == "issue"' body.txt >/dev/null ||
	die "the recommendation: $body"
api "$tok_binhlu_vhxh" POST "/api/v1/recommendations/03390/$arec" -H "Content-Type: application/json" \
	--data '{"action": "close", "version": 1}'
expect_status 403
api "$tok_binhlu_vhxh" POST "/api/v1/recommendations/03390/$arec" -H "Content-Type: application/json" \
	--data '{"action": "follow_up", "version": 1, "comment": "Đang thực hiện"}'
expect_status 200
jq -e '.recommendations[0].state == "followed_up"' body.txt >/dev/null || die "not followed up: $body"
# the commune's focal point may not close the province's
api "$tok_binhlu" POST "/api/v1/recommendations/03390/$arec" -H "Content-Type: application/json" \
	--data '{"action": "close", "version": 2}'
expect_status 403
api "$tok_laichau" POST "/api/v1/recommendations/03390/$arec" -H "Content-Type: application/json" \
	--data '{"action": "reject", "version": 2, "comment": "Chưa có số liệu"}'
expect_status 200
jq -e '.recommendations[0].state == "issued"' body.txt >/dev/null || die "not back to issued: $body"
api "$tok_binhlu" POST "/api/v1/inspections/03390/$aid" -H "Content-Type: application/json" \
	--data '{"version": 1, "body": "province", "subject": "x", "from": "2026-12-01", "to": "2026-12-12"}'
expect_status 403
api "$tok_binhlu" GET "/api/v1/inspections/03390/999999"
expect_status 404
api "$tok_binhlu" GET "/api/v1/inspections/03394/1"
expect_status 403

# --- the yearly report ----------------------------------------------------
JAR=focal.jar http GET "/report?unit=03390&year=2026&format=html"
expect_status 200
contains "$body" "VI. INSPECTION, COMPLAINTS AND THE GENDER CHECK OF DRAFTS"
contains "$body" "1. Inspection, supervision and the follow-up of recommendations"
# the demo's drafts (docs/drafts.md) in the part beside it
contains "$body" "3. The gender check of draft legal documents"
contains "$body" "Documents issued: 3, of which with a reviewed gender check: 2."
contains "$body" "Inspections planned: 8 (the commune: 4, the Fatherland Front&#39;s supervision: 2, the province: 2); held: 7, 6 of them with findings."
contains "$body" "Lập sổ theo dõi tư vấn có cột giới tính từ quý IV."
JAR=prov.jar http GET "/report?unit=12&year=2026&format=html"
contains "$body" "1 of the 38 communes and wards held an inspection or supervision."
stop_server

# --- the command line -----------------------------------------------------
expect_ok "$GEMIS" inspection list --unit 03390 --year 2026 --json
[ "$(printf '%s' "$out" | jq '.summary.planned')" = 8 ] || die "inspection list --json: $out"
expect_fail 1 "$GEMIS" --lang en inspection add --unit 03390 --body front --subject "Giám sát" --from 2026-12-10 \
	--to 2026-12-01
contains "$err" "to: the planned end is before the planned start"
expect_ok "$GEMIS" inspection add --unit 03390 --body front --subject "Giám sát" --from 2026-12-01 --to 2026-12-10 \
	--held-on 2026-12-09 --as binhlu
expect_fail 1 "$GEMIS" --lang en recommendation issue --unit 03390 --inspection "$cinsp" --agency vhxh --due 2026-01-01 \
	--text x
contains "$err" "due: the deadline is before the inspection was held"
expect_fail 1 "$GEMIS" --lang en recommendation act --unit 03390 --id "$arec" --action close --as binhlu.vhxh
expect_ok "$GEMIS" inspection list --help
expect_ok "$GEMIS" recommendation act --help
