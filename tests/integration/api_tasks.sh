# Tasks, their progress (with evidence files) and the activity log in the
# JSON API: what an agency records and logs, what the focal point and the
# province read, refusals that name the field or file and store nothing,
# stale versions, another agency's or commune's 403, a CSV log imported all
# or nothing, and news_items_per_quarter equal to a hand count of the
# quarter logged through the API.  The answers' shapes are checked against
# data/api/openapi.json by run-integration.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
expect_ok "$GEMIS" plan import "$ROOT/tests/plan/tasks_labels.txt" --apply --as binhlu
for a in binhlu.vhxh binhlu laichau; do
	expect_ok "$GEMIS" token create "$a"
	eval "tok_$(printf '%s' "$a" | tr . _)=\$out"
done
vhxh=$tok_binhlu_vhxh focal=$tok_binhlu prov=$tok_laichau
export GEMIS_TODAY=2026-10-05
start_server

api() { # TOKEN METHOD PATH [CURL ARGS]
	tok=$1
	shift
	http "$@" -H "Authorization: Bearer $tok" -H "Accept-Language: en"
}

# the agency's tasks, and the commune's
api "$vhxh" GET "/api/v1/tasks?unit=03390&year=2026&agency=vhxh"
expect_status 200
jq -e '.agency == "vhxh" and .has_plan and (.tasks | length > 0) and all(.tasks[]; .lead + .partners | index("vhxh") or index("all"))' \
	body.txt >/dev/null || die "the agency's tasks: $body"
task=$(jq -r '.tasks[] | select(.number == "1.a") | .uid' body.txt)
[ -n "$task" ] || die "no task 1.a"
api "$focal" GET "/api/v1/tasks?unit=03390&year=2026"
late=$(jq -r '.tasks[] | select(.number == "1.b") | .uid' body.txt)
jq -e '.tasks[] | select(.number == "1.b") | .overdue and .status == "not_started" and .due == "2026-09-30"' \
	body.txt >/dev/null || die "1.b is not overdue: $body"
api "$prov" GET "/api/v1/tasks?unit=03390&year=2026"
expect_status 200
api "$vhxh" GET "/api/v1/tasks?unit=03390&agency=nobody"
expect_status 400
contains "$body" "agency: unknown agency 'nobody'"

# progress with a photo (multipart), then on top of it in JSON
printf '\377\330\377\340\000\020JFIF\000 a photo of the banners \377\331' >photo.jpg
printf '\377\330\377\340\000\020JFIF\000 a photo of the meeting \377\331' >photo2.jpg
api "$vhxh" POST "/api/v1/tasks/03390/$task/progress" -F agency=vhxh -F period=2026Q3 -F version=0 -F status=in_progress \
	-F "note=Phát 6 tin trên loa" -F "evidence=@photo.jpg;filename=bang-ron.jpg" -F "evidence=@photo2.jpg;filename=anh-2.jpg"
expect_status 201
jq -e '.status == "in_progress" and .period == "2026Q3" and .by == "binhlu.vhxh" and (.files | length) == 2 and .files[0].kind == "jpeg"' \
	body.txt >/dev/null || die "the record: $body"
v1=$(jq -r .id body.txt)
fid=$(jq -r '.files[0].id' body.txt)
api "$prov" GET "/api/v1/evidence/03390/$fid"
expect_status 200
cmp -s body.txt photo.jpg || die "the evidence came back changed"
api "$vhxh" GET "/api/v1/evidence/03394/$fid"
expect_status 403
api "$vhxh" POST "/api/v1/tasks/03390/$task/progress" -H "Content-Type: application/json" \
	--data "{\"agency\": \"vhxh\", \"period\": \"2026Q3\", \"version\": $v1, \"status\": \"done\", \"note\": \"Phát 12 tin\"}"
expect_status 201
v2=$(jq -r .id body.txt)
api "$prov" GET "/api/v1/tasks/03390/$task?year=2026"
expect_status 200
jq -e --argjson v "$v2" '(.records | length) == 2 and .records[1].id == $v and .records[1].note == "Phát 12 tin" and
	any(.agencies[]; .agency == "vhxh" and .role == "lead" and .status == "done")' body.txt >/dev/null ||
	die "the task's records: $body"
records() { sql gemis.db "SELECT COUNT(*) FROM task_progress"; }
before=$(records)

# refusals, each naming what is wrong, none stored
api "$vhxh" POST "/api/v1/tasks/03390/$task/progress" -H "Content-Type: application/json" \
	--data "{\"agency\": \"vhxh\", \"period\": \"2026Q3\", \"version\": $v1, \"status\": \"done\"}"
expect_status 409
contains "$body" "binhlu.vhxh recorded progress on this task at"
api "$vhxh" POST "/api/v1/tasks/03390/$task/progress" -F agency=vhxh -F period=2026Q3 -F "version=$v2" -F status=done \
	-F "evidence=@photo.jpg;filename=bien-ban.pdf"
expect_status 400
contains "$body" "bien-ban.pdf: the name says PDF but the file is JPEG"
api "$vhxh" POST "/api/v1/tasks/03390/$task/progress" -H "Content-Type: application/json" \
	--data '{"agency": "vhxh", "period": "2026Q4", "status": "not_done"}'
expect_status 400
contains "$body" "say why the task could not be done"
api "$vhxh" POST "/api/v1/tasks/03390/$task/progress" -H "Content-Type: application/json" \
	--data '{"agency": "vhxh", "status": "finished"}'
expect_status 400
contains "$body" "status: 'finished' is not one of"
api "$vhxh" POST "/api/v1/tasks/03390/$task/progress" -H "Content-Type: application/json" \
	--data '{"agency": "vhxh", "status": "done", "period": "2026Q9"}'
expect_status 400
contains "$body" "period: '2026Q9'"
api "$vhxh" POST "/api/v1/tasks/03390/$task/progress" -H "Content-Type: application/json" --data '{"agency": "vhxh", "status": "done", "when": 1}'
expect_status 400
api "$vhxh" POST "/api/v1/tasks/03390/$late/progress" -H "Content-Type: application/json" \
	--data '{"agency": "vanphong", "period": "2026", "status": "done"}'
expect_status 403
api "$vhxh" POST "/api/v1/tasks/03394/$task/progress" -H "Content-Type: application/json" \
	--data '{"agency": "vhxh", "period": "2026", "status": "done"}'
expect_status 403
api "$prov" POST "/api/v1/tasks/03390/$task/progress" -H "Content-Type: application/json" \
	--data '{"agency": "vhxh", "period": "2026", "status": "done"}'
expect_status 403
api "$focal" POST "/api/v1/tasks/03390/0000000000000000/progress" -H "Content-Type: application/json" \
	--data '{"agency": "vhxh", "period": "2026", "status": "done"}'
expect_status 404
[ "$(records)" = "$before" ] || die "a refused record was stored"
# the focal point records for Văn phòng: 1.b is no longer late
api "$focal" POST "/api/v1/tasks/03390/$late/progress" -H "Content-Type: application/json" \
	--data '{"agency": "vanphong", "period": "2026", "status": "done"}'
expect_status 201
api "$focal" GET "/api/v1/tasks?unit=03390&year=2026"
jq -e '.tasks[] | select(.number == "1.b") | .overdue == false and .status == "done"' body.txt >/dev/null || die "1.b: $body"

# the activity log: a news item logged, read by the province, changed on
# its version, a stale change refused, removed
api "$vhxh" POST /api/v1/activities -H "Content-Type: application/json" \
	--data '{"unit": "03390", "agency": "vhxh", "date": "2026-07-03", "kind": "news", "title": "Tin về bình đẳng giới", "task": "1.a"}'
expect_status 201
jq -e --arg t "$task" '.channel == "loudspeaker" and .task == $t and .women == null and .action_month == false' body.txt >/dev/null ||
	die "the activity: $body"
id=$(jq -r .id body.txt)
ver=$(jq -r .version body.txt)
api "$prov" GET "/api/v1/activities/03390/$id"
expect_status 200
api "$vhxh" POST "/api/v1/activities/03390/$id" -H "Content-Type: application/json" \
	--data "{\"action\": \"save\", \"version\": $ver, \"channel\": \"portal\"}"
expect_status 200
jq -e '.channel == "portal" and .title == "Tin về bình đẳng giới"' body.txt >/dev/null || die "the change: $body"
api "$vhxh" POST "/api/v1/activities/03390/$id" -H "Content-Type: application/json" \
	--data "{\"action\": \"save\", \"version\": $ver, \"channel\": \"social\"}"
expect_status 409
# a client's entry key makes a resend safe: the second send of the same
# entry answers 200 with what was stored the first time and adds nothing;
# a malformed key is named
n0=$(sql gemis.db "SELECT COUNT(*) FROM activities WHERE unit_id = (SELECT id FROM units WHERE code = '03390')")
api "$vhxh" POST /api/v1/activities -H "Content-Type: application/json" \
	--data '{"unit": "03390", "agency": "vhxh", "date": "2026-07-04", "kind": "news", "title": "Tin gửi lại", "entry": "k-7f3a_01"}'
expect_status 201
first=$(jq -r .id body.txt)
api "$vhxh" POST /api/v1/activities -H "Content-Type: application/json" \
	--data '{"unit": "03390", "agency": "vhxh", "date": "2026-07-04", "kind": "news", "title": "Tin gửi lại (lần hai)", "entry": "k-7f3a_01"}'
expect_status 200
jq -e --argjson id "$first" '.id == $id and .title == "Tin gửi lại"' body.txt >/dev/null ||
	die "a resend is not answered with the stored activity: $body"
[ "$(sql gemis.db "SELECT COUNT(*) FROM activities WHERE unit_id = (SELECT id FROM units WHERE code = '03390')")" = $((n0 + 1)) ] ||
	die "a resend with the same entry key added an activity"
api "$vhxh" POST /api/v1/activities -H "Content-Type: application/json" \
	--data '{"unit": "03390", "agency": "vhxh", "date": "2026-07-04", "kind": "news", "title": "x", "entry": "bad key!"}'
expect_status 400
jq -e 'any(.problems[]; .field == "entry")' body.txt >/dev/null || die "a bad entry key is not named: $body"
api "$vhxh" POST "/api/v1/activities/03390/$first" -H "Content-Type: application/json" \
	--data '{"action": "delete", "version": 1}'
expect_status 200
api "$vhxh" POST /api/v1/activities -H "Content-Type: application/json" \
	--data '{"unit": "03390", "agency": "vhxh", "date": "2026-13-03", "kind": "rumour", "title": "x", "women": -2}'
expect_status 400
for f in date kind women; do
	jq -e --arg f "$f" 'any(.problems[]; .field == $f)' body.txt >/dev/null || die "the problem with $f is not named: $body"
done
api "$vhxh" POST /api/v1/activities -H "Content-Type: application/json" \
	--data '{"unit": "03390", "agency": "yte", "date": "2026-07-03", "kind": "news", "title": "x"}'
expect_status 403
api "$vhxh" POST /api/v1/activities -H "Content-Type: application/json" \
	--data '{"unit": "03394", "agency": "vhxh", "date": "2026-07-03", "kind": "news", "title": "x"}'
expect_status 403
api "$prov" POST /api/v1/activities -H "Content-Type: application/json" \
	--data '{"unit": "03390", "agency": "vhxh", "date": "2026-07-03", "kind": "news", "title": "x"}'
expect_status 403

# a log of the third quarter imported all or nothing: a bad row refuses the
# file, naming its line and column
printf 'ngày,loại,kênh,tiêu đề\n05/07/2026,tin bài,loa truyền thanh,Tin 1\n06/08/2026,tin bài,fanpage,Tin 2\n07/08/2026,tập huấn,trực tiếp,Tập huấn\nabc,tin bài,,Tin 3\n' >log.csv
api "$vhxh" POST "/api/v1/activities/import?unit=03390&agency=vhxh" -H "Content-Type: text/csv" --data-binary @log.csv
expect_status 400
jq -e '.problems[0].line == 5 and .problems[0].field == "date"' body.txt >/dev/null || die "the bad row: $body"
sed -i 's/^abc,/20\/09\/2026,/' log.csv
api "$vhxh" POST "/api/v1/activities/import?unit=03390&agency=vhxh&dry_run=1" -H "Content-Type: text/csv" --data-binary @log.csv
expect_status 200
jq -e '.dry_run and .activities == 4' body.txt >/dev/null || die "the dry run: $body"
api "$vhxh" POST "/api/v1/activities/import?unit=03390&agency=yte" -H "Content-Type: text/csv" --data-binary @log.csv
expect_status 403
api "$vhxh" POST "/api/v1/activities/import?unit=03390&agency=vhxh" -H "Content-Type: text/csv" --data-binary @log.csv
expect_status 200
# the quarter by hand: the news item of 03/07 and Tin 1, Tin 2, Tin 3 (the
# training is no news item)
api "$prov" GET "/api/v1/activities?unit=03390&year=2026&quarter=3"
expect_status 200
hand=$(jq '[.activities[] | select(.kind == "news")] | length' body.txt)
[ "$hand" = 4 ] || die "the log holds $hand news items of Q3, not 4: $body"
jq -e '.quarters[2].logged and .quarters[2].news_items == 4' body.txt >/dev/null || die "the quarter: $body"
api "$vhxh" POST "/api/v1/activities/03390/$id" -H "Content-Type: application/json" \
	--data "{\"action\": \"delete\", \"version\": $((ver + 1))}"
expect_status 200
api "$prov" GET "/api/v1/activities?unit=03390&year=2026&quarter=3"
jq -e '.quarters[2].news_items == 3' body.txt >/dev/null || die "the removed item still counts: $body"
api "$prov" GET "/api/v1/activities/03390/$id"
expect_status 404
stop_server
