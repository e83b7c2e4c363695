# Everything a person or a file can put into a page comes back escaped:
# a sign-in name, an account's full name, a form's values and comments, a
# plan's texts and file name, a CSV file's values and file name, parameter
# names in error pages.  The script never appears as markup; its escaped
# form does, so the test cannot pass by showing nothing.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

X='<script>alert(1)</script>'
Y='"><img src=x onerror=alert(2)>'
ESC='&lt;script&gt;alert(1)&lt;/script&gt;'

# no_markup [WHAT]: the last answer holds neither payload as markup
no_markup() {
	not_contains "$body" "<script>alert" "${1:-the page}"
	not_contains "$body" "<img src=x" "${1:-the page}"
	not_contains "$body" "onerror=alert(2)>" "${1:-the page}"
}

expect_ok "$GEMIS" demo
start_server

# the name typed at sign-in, shown again after a failure
http GET /login
t=$(csrf_of)
http POST /login --data-urlencode "csrf=$t" --data-urlencode "name=$Y" --data-urlencode "password=$X"
expect_status 401
no_markup "the sign-in page"
contains "$body" 'value="&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"'

# an account's full name: the users page, the header, the account page
JAR=admin.jar sign_in admin gemis-demo-2026
acsrf=$(JAR=admin.jar csrf_token)
JAR=admin.jar http POST /users --data-urlencode "csrf=$acsrf" --data-urlencode name=xss.focal \
	--data-urlencode "full_name=$X$Y" --data-urlencode role=focal --data-urlencode unit=03390 \
	--data-urlencode "password=a long enough password"
expect_status 303
JAR=admin.jar http GET "/users?unit=03390"
no_markup "the users page"
contains "$body" "$ESC"
JAR=x.jar sign_in xss.focal "a long enough password"
JAR=x.jar http GET /
no_markup "the header"
contains "$body" "$ESC"
JAR=x.jar http GET /account
no_markup "the account page"
xcsrf=$(csrf_of)

# a form: what was typed, the problem quoting it, a return comment, the history
F=/entry/03390/vhxh/2026
JAR=x.jar http POST "$F" --data-urlencode "csrf=$xcsrf" --data-urlencode action=save --data-urlencode version=0 \
	--data-urlencode "v_0=$X" --data-urlencode "v_1=$Y"
expect_status 400
no_markup "the form with its problems"
contains "$body" "$ESC"
JAR=x.jar http POST "$F/check" --data-urlencode "csrf=$xcsrf" --data-urlencode "v_3=$X"
no_markup "the field check"
# (a value is quoted in a problem up to 24 characters, util/number.c)
contains "$body" "&lt;script&gt;alert(1)&lt;/script… (25)"
JAR=x.jar http POST "$F" --data-urlencode "csrf=$xcsrf" --data-urlencode action=save --data-urlencode version=0 \
	--data-urlencode "v_0=1" --data-urlencode "v_1=2" --data-urlencode "x_female_key_leaders=$X$Y" \
	--data-urlencode "narrative=$X$Y"
expect_status 303
JAR=x.jar http GET "$F"
no_markup "the explanation and the narrative in the form"
contains "$body" "$ESC"
JAR=x.jar http GET /indicator/female_key_leaders?unit=03390\&year=2026
no_markup "the explanation on the indicator page"
contains "$body" "$ESC"
JAR=x.jar http POST "$F" --data-urlencode "csrf=$xcsrf" --data-urlencode action=submit --data-urlencode version=1 \
	$(i=0; while [ $i -lt 12 ]; do echo "--data-urlencode v_$i=$((i % 2 ? 10 : 1))"; i=$((i + 1)); done)
expect_status 303
JAR=x.jar http POST "$F" --data-urlencode "csrf=$xcsrf" --data-urlencode action=return --data-urlencode version=2 \
	--data-urlencode "comment=$X$Y"
expect_status 303
JAR=x.jar http GET "$F"
no_markup "the returned form"
contains "$body" "$ESC"
JAR=x.jar http GET /review
no_markup "the review page"

# a task's progress: note, reason and evidence file name on the task
# page, its history and the dashboard
JAR=x.jar http GET "/tasks?unit=03390&year=2026&agency=vhxh"
task=$(printf '%s' "$body" | grep -o '/tasks/03390/[0-9a-f]\{16\}' | head -1 | cut -d/ -f4)
[ -n "$task" ] || die "no task listed"
printf '\377\330\377\340 a photo' >photo.jpg
JAR=x.jar http POST "/tasks/03390/$task" -F "csrf=$xcsrf" -F agency=vhxh -F period=2026 -F version=0 \
	-F status=not_done --form-string "note=$X" --form-string "reason=$Y" -F "evidence1=@photo.jpg;filename=<b onmouseover=alert(3)>.jpg"
expect_status 303
JAR=x.jar http GET "/tasks/03390/$task?year=2026&agency=vhxh"
no_markup "the task page"
not_contains "$body" "<b onmouseover" "the evidence file name"
contains "$body" "$ESC"
contains "$body" "&lt;b onmouseover=alert(3)&gt;.jpg"
JAR=x.jar http POST "/tasks/03390/$task" -F "csrf=$xcsrf" -F agency=vhxh -F period=2026Q2 -F version=0 \
	-F status=done --form-string "note=$X" -F "evidence1=@photo.jpg;filename=<b onmouseover=alert(3)>.pdf"
expect_status 400
no_markup "the task page with its problems"
not_contains "$body" "<b onmouseover" "the refused file's name"
contains "$body" "$ESC"

# a plan: its texts, its file name, a unit it claims
YJ=$(printf '%s' "$Y" | sed 's/"/\\"/g')
cat >plan.json <<EOF
{"document": {"number": "$X", "date": "2026-04-10", "place": "$X", "title": "$X$YJ",
  "unit": {"level": "commune", "name": "$X", "code": "03390"}, "province": "$X",
  "period": [2026, 2030], "signer": {"name": "$X", "title": "$YJ"}},
 "references": [{"number": "$X", "date": null, "issuer": "$X"}],
 "targets": [{"indicator": "female_key_leaders", "goal": "politics", "value": 70, "unit": "%",
   "direction": "at_least", "year": 2030, "baseline": null, "text": "$X$YJ"}],
 "agencies": ["vhxh"], "assignments": {"vhxh": ["female_key_leaders"]},
 "deadline": {"day": 30, "month": 11, "year": null, "to": "vhxh"},
 "lint": [{"code": "typo", "line": 3, "message": "$X"}]}
EOF
sed 's/"03390"/"09385"/' plan.json >other.json
JAR=x.jar http POST /plan/03390/upload -F "csrf=$xcsrf" -F "file=@plan.json;type=application/json;filename=\"$X.json\""
expect_status 303
review=$(header Location)
JAR=x.jar http GET "$review"
expect_status 200
no_markup "the plan review"
contains "$body" "$ESC"
JAR=x.jar http POST /plan/03390/upload -F "csrf=$xcsrf" -F "file=@other.json;type=application/json"
expect_status 400
no_markup "a plan of another unit"
contains "$body" "$ESC"
JAR=x.jar http GET "$review"
cur=$(grep -o 'name="current" value="[0-9]*"' body.txt | sed 's/.*value="//;s/"//')
JAR=x.jar http POST /plan/03390/apply --data-urlencode "csrf=$xcsrf" --data-urlencode "upload=${review##*/}" \
	--data-urlencode "current=$cur" --data-urlencode confirm=1
expect_status 303
JAR=x.jar http GET /plan/03390
no_markup "the plan in force"
contains "$body" "$ESC"

# a CSV file: its name and the values its problems quote
printf 'unit,period,indicator,part,sex,value\n%s,2026,female_key_leaders,num,T,1\n03390,%s,female_key_leaders,num,T,%s\n' \
	"$X" "$Y" "$X" >values.csv
JAR=x.jar http POST /upload -F "csrf=$xcsrf" -F "file=@values.csv;type=text/csv;filename=\"$X.csv\""
expect_status 400
no_markup "the upload problems"
contains "$body" "$ESC"

# parameter names and values quoted by a 400
JAR=x.jar http GET "/?%3Cscript%3Ealert(1)%3C/script%3E=1"
expect_status 400
no_markup "a refused parameter"
JAR=x.jar http GET "/indicator/%3Cscript%3E"
no_markup "an unknown indicator"

# JSON answers are JSON, never HTML
JAR=x.jar http GET /api/v1/me
contains "$(header Content-Type)" application/json
[ "$(jq -r .full_name body.txt)" = "$X$Y" ] || die "the API returns the name as it is"

stop_server
