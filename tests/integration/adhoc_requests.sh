# Ad hoc requests (issue 12 item 3, "báo cáo đột xuất"): the province asks
# its communes for a report by a day (indicators and a question), bad
# requests are refused naming the field and write nothing; the request is
# on the communes' dashboards; a commune answers (the figures taken from
# the data when it submits, a text, a file), the province sees who
# answered, on time, late or not yet, returns an answer with a comment
# (required) or accepts it, locked.  The same through the API and the
# command line; a commune asks nobody, nobody answers a request not
# addressed to it.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
# days in Vietnam (UTC+7), from the clock: answers are stamped with it
vnday() { date -u -d "@$(($(date +%s) + 7 * 3600 + $1 * 86400))" +%F; }
yesterday=$(vnday -1) soon=$(vnday 4) later=$(vnday 15) after=$(vnday 5)
start_server

JAR=bl.jar sign_in binhlu gemis-demo-2026
JAR=bl.jar http GET /lang/en
bcsrf=$(JAR=bl.jar csrf_token)
JAR=prov.jar sign_in laichau gemis-demo-2026
JAR=prov.jar http GET /lang/en
pcsrf=$(JAR=prov.jar csrf_token)

count() { sql gemis.db "SELECT COUNT(*) FROM $1"; }
requests0=$(count adhoc_requests)

# the demo's request: three communes answered, one accepted, one returned
JAR=prov.jar http GET "/adhoc?unit=12"
expect_status 200
contains "$body" 'class="adhoc-ask"'
contains "$body" "Báo cáo nhanh về phòng, chống bạo lực gia đình"
contains "$body" "2 / 38"

# bad requests: the field named, nothing written
ask() { JAR=prov.jar http POST /adhoc/12 --data-urlencode "csrf=$pcsrf" "$@"; }
ask --data-urlencode "title=Số liệu" --data-urlencode due=$yesterday --data-urlencode i_female_key_leaders=1
expect_status 400
contains "$body" 'data-field="due"'
contains "$body" "the due day is in the past"
ask --data-urlencode "title=Số liệu" --data-urlencode due=$later --data-urlencode i_no_such=1
expect_status 400
contains "$body" 'data-field="indicators"'
contains "$body" "unknown indicator &#39;no_such&#39;"
ask --data-urlencode "title= " --data-urlencode due=$later --data-urlencode i_female_key_leaders=1
expect_status 400
contains "$body" 'data-field="title"'
ask --data-urlencode "title=Số liệu" --data-urlencode due=$later
expect_status 400
contains "$body" 'data-field="question"'
# a commune asks nobody; a province does not ask in another's name
JAR=bl.jar http POST /adhoc/03390 --data-urlencode "csrf=$bcsrf" --data-urlencode "title=x" \
	--data-urlencode due=$later --data-urlencode "question=x"
expect_status 400
contains "$body" "only a province (of its communes) or the nation (of the provinces) asks"
JAR=prov.jar http POST /adhoc/24 --data-urlencode "csrf=$pcsrf" --data-urlencode "title=x" \
	--data-urlencode due=$later --data-urlencode "question=x"
expect_status 403
[ "$(count adhoc_requests)" = "$requests0" ] || die "a refused request was written"

# asked: indicators and a question, due in four days
ask --data-urlencode "title=Số liệu lãnh đạo nữ" --data-urlencode due=$soon \
	--data-urlencode i_female_key_leaders=1 --data-urlencode "question=Nêu khó khăn trong công tác cán bộ nữ."
expect_status 303
req=$(header Location | sed 's|.*/||')
[ "$(header Location)" = "/adhoc/12/$req" ] || die "redirect: $(header Location)"
JAR=prov.jar http GET "/adhoc/12/$req"
expect_status 200
contains "$body" "0 of 38 answered, 0 accepted, 0 late, 0 overdue"
contains "$body" 'data-indicator="female_key_leaders"'

# on the commune's dashboard, due soon, with a link; and on its list
JAR=bl.jar http GET "/?unit=03390"
expect_status 200
contains "$body" "href=\"/adhoc/03390/$req\""
printf '%s' "$body" | grep -q "class=\"soon adhoc\"><a href=\"/adhoc/03390/$req\"" || die "the request is not due soon on the dashboard"
JAR=bl.jar http GET "/adhoc?unit=03390"
contains "$body" "Số liệu lãnh đạo nữ"
not_contains "$body" 'class="adhoc-ask"'
# the commune may not see the province's view nor another commune's answer
JAR=bl.jar http GET "/adhoc/12/$req"
expect_status 403
JAR=bl.jar http GET "/adhoc/03394/$req"
expect_status 403

# a reporter may not answer; the province may not answer for the commune
JAR=rep.jar sign_in binhlu.vhxh gemis-demo-2026
rcsrf=$(JAR=rep.jar csrf_token)
JAR=rep.jar http POST "/adhoc/03390/$req" -F "csrf=$rcsrf" -F action=submit -F version=0 -F answer=x
expect_status 403
JAR=prov.jar http POST "/adhoc/03390/$req" -F "csrf=$pcsrf" -F action=submit -F version=0 -F answer=x
expect_status 403

# answered with a file: the figures as they stand go with it
printf '%%PDF-1.4\n%%%%EOF\n' >signed.pdf
JAR=bl.jar http POST "/adhoc/03390/$req" -F "csrf=$bcsrf" -F action=submit -F version=0 \
	-F "answer=Thiếu cán bộ nữ có trình độ" -F "file=@signed.pdf;filename=bao-cao.pdf"
expect_status 303
JAR=bl.jar http GET "/adhoc/03390/$req"
contains "$body" "Thiếu cán bộ nữ có trình độ"
contains "$body" 'data-indicator="female_key_leaders"'
contains "$body" "on time"
not_contains "$body" 'class="adhoc-answer"'
file=$(printf '%s' "$body" | grep -o "/adhoc/03390/$req/file/[0-9]*" | head -1)
[ -n "$file" ] || die "no link to the file"
JAR=bl.jar http GET "$file"
expect_status 200
[ "$(header Content-Type)" = application/pdf ] || die "file type: $(header Content-Type)"
# the figures kept are those of the moment: a value changed later does not change them
"$GEMIS" adhoc show "$req" --unit 03390 --json >a1.json
v1=$(jq -c '.answer.figures.indicators[0]' a1.json)
[ "$(jq -r '.answer.figures.indicators[0].indicator' a1.json)" = female_key_leaders ] || die "figures: $v1"
printf 'unit,period,indicator,part,sex,value\n03390,2026,female_key_leaders,num,T,9\n03390,2026,female_key_leaders,den,T,10\n' >v.csv
expect_ok "$GEMIS" values import v.csv
"$GEMIS" adhoc show "$req" --unit 03390 --json >a2.json
[ "$(jq -c '.answer.figures.indicators[0]' a2.json)" = "$v1" ] || die "the figures sent changed with the data"

# the province: 1 of 38 answered, on time; a return needs a comment
JAR=prov.jar http GET "/adhoc/12/$req"
contains "$body" "1 of 38 answered, 0 accepted, 0 late, 0 overdue"
printf '%s' "$body" | tr '\n' ' ' | grep -q 'data-unit="03390">.*submitted.*on time' || die "03390 not listed as on time"
JAR=prov.jar http POST "/adhoc/03390/$req" -F "csrf=$pcsrf" -F action=return -F version=1 -F "comment= "
expect_status 400
contains "$body" "say why the report is returned"
JAR=prov.jar http POST "/adhoc/03390/$req" -F "csrf=$pcsrf" -F action=return -F version=1 \
	-F "comment=Bổ sung số liệu của từng thôn"
expect_status 303
JAR=bl.jar http GET "/adhoc/03390/$req"
contains "$body" "Bổ sung số liệu của từng thôn"
contains "$body" 'class="adhoc-answer"'
# a stale version is refused; sent again, then accepted and locked
JAR=bl.jar http POST "/adhoc/03390/$req" -F "csrf=$bcsrf" -F action=submit -F version=1 -F answer=y
expect_status 409
JAR=bl.jar http POST "/adhoc/03390/$req" -F "csrf=$bcsrf" -F action=submit -F version=2 -F "answer=Đã bổ sung"
expect_status 303
JAR=prov.jar http POST "/adhoc/03390/$req" -F "csrf=$pcsrf" -F action=accept -F version=3
expect_status 303
JAR=bl.jar http POST "/adhoc/03390/$req" -F "csrf=$bcsrf" -F action=submit -F version=4 -F answer=z
expect_status 409
contains "$body" "accepted and locked"
JAR=prov.jar http GET "/adhoc/12/$req"
contains "$body" "1 of 38 answered, 1 accepted"

# the API: the same request, a request to no one's province refused,
# answering a request not addressed to the unit refused naming it
JAR=prov.jar http GET "/api/v1/adhoc-requests/12/$req"
expect_status 200
[ "$(jq -r .counts.accepted body.txt)" = 1 ] || die "API counts: $body"
[ "$(jq -r '.answers[] | select(.unit == "03390") | .state' body.txt)" = accepted ] || die "API answer: $body"
JAR=prov.jar http POST /api/v1/adhoc-requests/12 -H "X-CSRF-Token: $pcsrf" -H "Content-Type: application/json" \
	--data '{"title": "Hỏi nhanh", "due": "'"$later"'", "indicators": ["female_key_leaders", "nope"]}'
expect_status 400
contains "$body" "indicators"
JAR=prov.jar http POST /api/v1/adhoc-requests/12 -H "X-CSRF-Token: $pcsrf" -H "Content-Type: application/json" \
	--data '{"title": "Hỏi nhanh", "due": "'"$later"'", "question": "Có bao nhiêu câu lạc bộ?"}'
expect_status 201
q2=$(jq -r .id body.txt)
JAR=bl.jar http POST "/api/v1/adhoc-requests/03390/$q2" -H "X-CSRF-Token: $bcsrf" -H "Content-Type: application/json" \
	--data '{"action": "submit", "version": 0}'
expect_status 400
contains "$body" "answer"
JAR=bl.jar http POST "/api/v1/adhoc-requests/03390/$q2" -H "X-CSRF-Token: $bcsrf" -H "Content-Type: application/json" \
	--data '{"action": "submit", "version": 0, "answer": "3 câu lạc bộ"}'
expect_status 200
[ "$(jq -r .answer.state body.txt)" = submitted ] || die "API step: $body"
JAR=bl.jar http GET "/api/v1/adhoc-requests?unit=03390"
expect_status 200
jq -e --argjson q "$q2" '.received[] | select(.id == $q) | .answer.answer == "3 câu lạc bộ"' body.txt >/dev/null ||
	die "list: $body"
# the ministry asks the provinces; a commune's answer to it is not addressed to it
JAR=bo.jar sign_in bo.noivu gemis-demo-2026
mcsrf=$(JAR=bo.jar csrf_token)
JAR=bo.jar http POST /api/v1/adhoc-requests/12 -H "X-CSRF-Token: $mcsrf" -H "Content-Type: application/json" \
	--data '{"title": "x", "due": "'"$later"'", "question": "x"}'
expect_status 403
JAR=bo.jar http POST /api/v1/adhoc-requests/VN -H "X-CSRF-Token: $mcsrf" -H "Content-Type: application/json" \
	--data '{"title": "Báo cáo nhanh", "due": "'"$later"'", "question": "Tình hình?"}'
expect_status 201
q3=$(jq -r .id body.txt)
JAR=bl.jar http POST "/api/v1/adhoc-requests/03390/$q3" -H "X-CSRF-Token: $bcsrf" \
	-H "Content-Type: application/json" --data '{"action": "submit", "version": 0, "answer": "x"}'
expect_status 404
expect_fail 1 "$GEMIS" adhoc answer "$q3" --unit 03390 --text x --as binhlu
contains "$err" "ID: this request is not addressed to Xã Bình Lư"
expect_ok "$GEMIS" adhoc answer "$q3" --unit 12 --text "Ổn định" --as laichau
expect_ok "$GEMIS" adhoc accept "$q3" --unit 12 --as bo.noivu
"$GEMIS" adhoc show "$q3" --unit VN --json >n.json
[ "$(jq -r '.answers[] | select(.unit == "12") | .state' n.json)" = accepted ] || die "the ministry's view: $(cat n.json)"

# the command line refuses a past day and a commune asking, naming the option
expect_fail 1 "$GEMIS" adhoc ask --unit 12 --title x --due 2020-01-01 --question x
contains "$err" "--due"
expect_fail 1 "$GEMIS" adhoc ask --unit 03390 --title x --due 2030-01-01 --question x
contains "$err" "--unit"
expect_ok "$GEMIS" adhoc ask --help
contains "$out" "gemis adhoc ask --unit CODE"

# late and overdue are judged against the due day: a day after it
stop_server
export GEMIS_TODAY=$after
start_server
JAR=p2.jar sign_in laichau gemis-demo-2026
JAR=p2.jar http GET /lang/en
JAR=p2.jar http GET "/adhoc/12/$req"
contains "$body" "1 of 38 answered, 1 accepted, 0 late, 37 overdue"
JAR=b2.jar sign_in binhlu gemis-demo-2026
JAR=b2.jar http GET "/?unit=03390"
not_contains "$body" "href=\"/adhoc/03390/$req\""
stop_server
echo "ok"
