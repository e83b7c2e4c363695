# The budget of the plan on the web, in the API and on the command line:
# an agency's estimate through wf_estimate (the agency submits, the
# economic office appraises, the focal point approves with the committee's
# decision, the agency records what it spent, above the approved amount:
# flagged), each refusal naming its field with nothing stored, a stale
# version 409, who may not take a step 403, the trail of the approved
# line, the province's sums, and the figures of the page and the API equal
# to hand sums of the demo's lines.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo --forms
for a in binhlu.vhxh binhlu.kinhte binhlu laichau; do
	expect_ok "$GEMIS" token create "$a"
	eval "tok_$(printf '%s' "$a" | tr . _)=\$out"
done
start_server
for a in focal:binhlu vhxh:binhlu.vhxh kinhte:binhlu.kinhte prov:laichau; do
	JAR=${a%%:*}.jar sign_in "${a#*:}" gemis-demo-2026
	JAR=${a%%:*}.jar http GET /lang/en?next=/
done
api() { # TOKEN METHOD PATH [CURL ARGS]
	tok=$1
	shift
	http "$@" -H "Authorization: Bearer $tok" -H "Accept-Language: en" -H "Content-Type: application/json"
}

# the demo's 2026 lines, summed by hand: estimates 16.5 + 12.5 + 25 + 6
# million, approved 16 + 12 + 22, spent 9.5 + 11.8
JAR=focal.jar http GET "/budget?unit=03390&year=2026"
expect_status 200
contains "$body" "Budget of the plan"
contains "$body" "60.000.000 ₫"
contains "$body" "50.000.000 ₫"
contains "$body" "21.300.000 ₫"
contains "$body" "Tuyên truyền, phổ biến pháp luật về bình đẳng giới"
contains "$body" "State budget: commune"
api "$tok_binhlu" GET "/api/v1/budget?unit=03390&year=2026"
expect_status 200
jq -e '.totals.estimate == 60000000 and .totals.approved == 50000000 and .totals.spent == 21300000' body.txt >/dev/null ||
	die "the 2026 totals: $(jq -c .totals body.txt)"
jq -e '([.lines[] | select(.status == "approved") | .approved] | add) == .totals.approved' body.txt >/dev/null ||
	die "the approved total is not the sum of the lines"
jq -e '(.by_source[] | select(.source == "ctmtqg_ntm") | .approved) == 22000000' body.txt >/dev/null || die "by source"
jq -e '(.by_goal[] | select(.goal == 2) | .estimate) == 41500000' body.txt >/dev/null || die "by goal: $(jq -c .by_goal body.txt)"
# 2025: the training spent 8.600.000 of 8.000.000 approved: flagged
JAR=focal.jar http GET "/budget?unit=03390&year=2025"
contains "$body" "1 line spent above what was approved."
contains "$body" "8.600.000 ₫ ⚠ above approved"

# the yearly report's budget section: the same hand sums, by source and by
# goal (goal 2: the lines of tasks 2.1 and 2.2, 16.5 + 25 million), each
# line beside the result of its task
JAR=focal.jar http GET "/report?unit=03390&year=2026&format=html"
expect_status 200
report=$(printf '%s' "$body" | sed 's/<[^>]*>/ /g' | tr -s ' \n' ' ')
contains "$report" "3. The budget"
contains "$report" "Estimated 60.000.000 đ, appraised 50.000.000 đ, approved 50.000.000 đ, spent 21.300.000 đ (4 budget lines; 0 spent above what was approved)."
contains "$report" "National target programme: new rural development 25.000.000 đ 22.000.000 đ 0 đ"
contains "$report" "Goal 2 41.500.000 đ 38.000.000 đ 9.500.000 đ"
contains "$report" "Hỗ trợ phụ nữ khởi nghiệp, phát triển sinh kế 22.000.000 đ – approved in progress"
# the finance office's workbook: grouped by source, totals as formulas
JAR=focal.jar http GET "/budget/export?unit=03390&year=2026"
expect_status 200
contains "$(header Content-Disposition)" "du-toan-kinh-phi-03390-2026.xlsx"
cp body.txt budget.xlsx
unzip -p budget.xlsx xl/worksheets/sheet1.xml >sheet.xml || die "the export is not an XLSX"
contains "$(cat sheet.xml)" "<f>E5+E7+E9+E11</f><v>60000000</v>"
contains "$(cat sheet.xml)" "<f>I5+I7+I9+I11</f><v>21300000</v>"
expect_ok "$GEMIS" budget export --unit 12 --year 2025 -o b2025.xlsx
unzip -p b2025.xlsx xl/sharedStrings.xml | grep -q "Bình Lư: Tập huấn kỹ năng phòng, chống bạo lực gia đình" ||
	die "the province's workbook does not name the commune of a line"

# an agency's estimate on the web: refused by field, nothing stored
n0=$(sql gemis.db "SELECT COUNT(*) FROM budget_lines")
csrf=$(JAR=vhxh.jar csrf_token)
JAR=vhxh.jar http POST /budget/03390 --data-urlencode "csrf=$csrf" --data-urlencode year=2027 \
	--data-urlencode agency=vhxh --data-urlencode task=9.9 --data-urlencode source=quy_den --data-urlencode estimate=-5 \
	--data-urlencode action=submit
expect_status 400
contains "$body" "task: no task &#39;9.9&#39; in the plan in force of 03390"
contains "$body" "source: unknown source &#39;quy_den&#39;"
contains "$body" "estimate: &#39;-5&#39; is negative"
JAR=vhxh.jar http POST /budget/03390 --data-urlencode "csrf=$csrf" --data-urlencode year=2027 \
	--data-urlencode agency=vhxh --data-urlencode task=2.1 --data-urlencode source=nsnn_xa --data-urlencode estimate=12,5 \
	--data-urlencode action=submit
expect_status 400
contains "$body" "estimate: &#39;12,5&#39; is not a whole number of đồng"
# another agency's estimate: 403
JAR=vhxh.jar http POST /budget/03390 --data-urlencode "csrf=$csrf" --data-urlencode year=2027 \
	--data-urlencode agency=yte --data-urlencode source=nsnn_xa --data-urlencode estimate=1000 --data-urlencode title=x
expect_status 403
[ "$(sql gemis.db "SELECT COUNT(*) FROM budget_lines")" = "$n0" ] || die "a refused estimate was stored"
JAR=vhxh.jar http POST /budget/03390 --data-urlencode "csrf=$csrf" --data-urlencode year=2027 \
	--data-urlencode agency=vhxh --data-urlencode task=2.1 --data-urlencode source=nsnn_xa \
	--data-urlencode "estimate=12.500.000 đ" --data-urlencode action=submit
expect_status 303
line=$(header Location | sed 's|^/budget/03390/\([0-9]*\).*|\1|')
[ -n "$line" ] || die "no line in $(header Location)"
JAR=vhxh.jar http GET "/budget/03390/$line?done=1"
contains "$body" "12.500.000 ₫"
contains "$body" "submitted"
not_contains "$body" 'class="stack step-appraise"'

# the economic office appraises; the agency may not; an approval by it is 403
kcsrf=$(JAR=kinhte.jar csrf_token)
JAR=vhxh.jar http POST "/budget/03390/$line" --data-urlencode "csrf=$csrf" --data-urlencode action=appraise \
	--data-urlencode version=1 --data-urlencode amount=12000000
expect_status 403
JAR=kinhte.jar http GET "/budget/03390/$line"
contains "$body" 'class="stack step-appraise"'
JAR=kinhte.jar http POST "/budget/03390/$line" --data-urlencode "csrf=$kcsrf" --data-urlencode action=appraise \
	--data-urlencode version=1 --data-urlencode "amount=12.000.000"
expect_status 303
JAR=kinhte.jar http POST "/budget/03390/$line" --data-urlencode "csrf=$kcsrf" --data-urlencode action=approve \
	--data-urlencode version=2 --data-urlencode decision_no=1/QĐ --data-urlencode decision_date=02/01/2027
expect_status 403
# the focal point approves: the decision is required, a stale version 409
fcsrf=$(JAR=focal.jar csrf_token)
JAR=focal.jar http POST "/budget/03390/$line" --data-urlencode "csrf=$fcsrf" --data-urlencode action=approve \
	--data-urlencode version=2
expect_status 400
contains "$body" "decision_no:"
contains "$body" "decision_date:"
JAR=focal.jar http POST "/budget/03390/$line" --data-urlencode "csrf=$fcsrf" --data-urlencode action=approve \
	--data-urlencode version=1 --data-urlencode decision_no=5/QĐ-UBND --data-urlencode decision_date=05/01/2027
expect_status 409
contains "$body" "binhlu.kinhte changed this budget line"
JAR=focal.jar http POST "/budget/03390/$line" --data-urlencode "csrf=$fcsrf" --data-urlencode action=approve \
	--data-urlencode version=2 --data-urlencode decision_no=5/QĐ-UBND --data-urlencode decision_date=05/01/2027
expect_status 303
[ "$(sql gemis.db "SELECT approved || ' ' || decision_date FROM budget_lines WHERE id = $line")" = "12000000 2027-01-05" ] ||
	die "the approval was not stored"

# what was spent, through the API, above the approved amount: flagged
api "$tok_binhlu_vhxh" POST "/api/v1/budget/03390/$line" --data '{"action": "spend", "version": 3, "amount": 12.5}'
expect_status 400
jq -e '.problems[0].field == "spent"' body.txt >/dev/null || die "the fraction is not named: $body"
api "$tok_binhlu_vhxh" POST "/api/v1/budget/03390/$line" --data '{"action": "spend", "version": 3, "amount": "12.300.000"}'
expect_status 200
jq -e '.spent == 12300000 and .overspent and .status == "approved" and (.history | length) == 4' body.txt >/dev/null ||
	die "the spending: $body"
jq -e '[.history[].action] == ["submit", "appraise", "approve", "spend"]' body.txt >/dev/null || die "the trail: $body"
api "$tok_binhlu_kinhte" POST "/api/v1/budget/03390/$line" --data '{"action": "approve", "version": 4}'
expect_status 403
# the focal point reopens it (a comment says why): kept in the trail
api "$tok_binhlu" POST "/api/v1/budget/03390/$line" --data '{"action": "reopen", "version": 4}'
expect_status 400
api "$tok_binhlu" POST "/api/v1/budget/03390/$line" --data '{"action": "reopen", "version": 4, "comment": "Điều chỉnh"}'
expect_status 200
jq -e '.status == "draft" and .approved == null and .history[2].approved == 12000000' body.txt >/dev/null ||
	die "the reopened line: $body"
JAR=focal.jar http GET "/budget/03390/$line"
contains "$body" "Điều chỉnh"
contains "$body" "reopened"

# a new estimate through the API, the fields named; a task of another plan
api "$tok_binhlu_vhxh" POST /api/v1/budget --data '{"unit": "03390", "year": 2027, "agency": "vhxh", "source": "x", "estimate": -1, "colour": 1}'
expect_status 400
jq -e '[.problems[].field] | index("colour")' body.txt >/dev/null || die "an unknown field: $body"
api "$tok_binhlu_vhxh" POST /api/v1/budget --data '{"unit": "03390", "year": 2027, "agency": "vhxh", "source": "x", "estimate": -1, "title": "y"}'
expect_status 400
jq -e '([.problems[].field] | sort) == ["estimate", "source"]' body.txt >/dev/null || die "the problems: $body"
uid=$(sql gemis.db "SELECT t.uid FROM tasks t JOIN units u ON u.id = t.unit_id WHERE u.code = '09385' LIMIT 1")
api "$tok_binhlu" POST /api/v1/budget --data "{\"unit\": \"03390\", \"year\": 2027, \"agency\": \"vhxh\", \"source\": \"khac\", \"estimate\": 1000, \"task\": \"$uid\"}"
expect_status 400
jq -e '.problems[0].field == "task"' body.txt >/dev/null || die "a task of another plan: $body"
api "$tok_binhlu_vhxh" POST /api/v1/budget --data '{"unit": "03390", "year": 2027, "agency": "vhxh", "source": "khac", "estimate": 3000000, "title": "Pa nô", "submit": true}'
expect_status 201
jq -e '.status == "submitted" and .estimate == 3000000 and .task == null' body.txt >/dev/null || die "the new line: $body"
api "$tok_binhlu_vhxh" POST /api/v1/budget --data '{"unit": "03394", "year": 2027, "agency": "vhxh", "source": "khac", "estimate": 1, "title": "x"}'
expect_status 403

# the province: its communes' sums
JAR=prov.jar http GET "/budget?unit=12&year=2026"
expect_status 200
contains "$body" 'href="/budget?unit=03390&amp;year=2026">Bình Lư</a>'
contains "$body" "60.000.000 ₫"
not_contains "$body" 'action="/budget/'
api "$tok_laichau" GET "/api/v1/budget?unit=12&year=2026"
jq -e '.totals.estimate == 60000000 and (.lines | length) == 4' body.txt >/dev/null || die "the province's API sums"
pcsrf=$(JAR=prov.jar csrf_token)
JAR=prov.jar http POST /budget/03390 --data-urlencode "csrf=$pcsrf" --data-urlencode year=2027 \
	--data-urlencode agency=vhxh --data-urlencode source=khac --data-urlencode estimate=1 --data-urlencode title=x
expect_status 403

# the command line: the same rules
expect_fail 1 "$GEMIS" budget add --unit 03390 --year 2027 --agency vhxh --source nsnn_xa --estimate 1.5 --title x
contains "$err" "--estimate: '1.5' is not a whole number of đồng"
expect_fail 1 "$GEMIS" budget act --unit 03390 --line 1 --action approve --as binhlu.vhxh
contains "$err" "you may not do this"
expect_ok "$GEMIS" budget list --unit 03390 --year 2026
contains "$out" "25.000.000 đ"
expect_ok "$GEMIS" budget list --unit 03390 --year 2025 --json
[ "$(printf '%s' "$out" | jq '.totals.spent')" = 39650000 ] || die "2025's spent: 13.850.000 + 8.600.000 + 17.200.000"
expect_ok "$GEMIS" budget act --help
contains "$out" "appraise"

# the trail of an approved line cannot be rewritten
if sql gemis.db "DELETE FROM budget_log" 2>/dev/null; then
	die "the trail was deleted"
fi

# in Vietnamese, amounts are written the Vietnamese way
JAR=focal.jar http GET "/lang/vi?next=/"
JAR=focal.jar http GET "/budget?unit=03390&year=2026"
contains "$body" "Kinh phí thực hiện kế hoạch"
contains "$body" "60.000.000 đ"
contains "$body" "Ngân sách xã"
