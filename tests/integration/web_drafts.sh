# backends: sqlite postgresql
# The gender check of a draft (issue 15, docs/drafts.md) on the web, in the
# API and on the command line: the checklist read from its table in both
# languages; a draft of Bình Lư's economic office registered and filled on
# the page, refused on submit while a required question is unanswered
# (each one named, nothing written), submitted, returned and reviewed by the
# culture-social office, issued by the focal point and then kept; refusals
# that name the field (an unknown question, a yes/no answered otherwise,
# the issue dated before the draft), the office reviewing its own draft,
# the supervisor and another agency writing, a stale version; the same
# through the API and the CLI, agreeing on the sums.
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
for a in binhlu binhlu.kinhte binhlu.vhxh binhlu.mttq; do
	expect_ok "$GEMIS" token create "$a"
	eval "tok_$(printf '%s' "$a" | tr . _)=\$out"
done
export GEMIS_TODAY=2026-12-15
start_server
for a in focal:binhlu kinhte:binhlu.kinhte vhxh:binhlu.vhxh yte:binhlu.yte front:binhlu.mttq; do
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

# --- the checklist is data, in both languages -----------------------------
expect_ok "$GEMIS" --lang en draft questions
contains "$out" "widens_gap      Could the document's provisions create or widen a gender gap? [yes/no] *"
contains "$out" "Luật Bình đẳng giới 2006, Điều 21 khoản 2 điểm a"
expect_ok "$GEMIS" --lang vi draft questions
contains "$out" "Quy định của văn bản có thể tạo ra hoặc làm tăng khoảng cách giới không?"
api "$tok_binhlu" GET /api/v1/drafts/questions
expect_status 200
[ "$(printf '%s' "$body" | jq -r '.version, (.questions | length), .questions[2].kind')" = "$(printf '1\n8\nyesno')" ] ||
	die "the checklist in the API: $body"
api "$tok_binhlu" GET "/api/v1/drafts/questions?version=9"
expect_status 404

# --- a draft registered on the page by the economic office -----------------
n0=$(count drafts)
JAR=kinhte.jar http GET "/drafts?unit=03390&year=2026"
expect_status 200
contains "$body" 'action="/drafts"'
contains "$body" '<option value="kinhte">Economic Office</option>'
not_contains "$body" '<option value="yte">'
# another agency's draft, a day after today: refused, naming the fields
JAR=kinhte.jar http POST /drafts --data-urlencode "csrf=$csrf_kinhte" --data-urlencode unit=03390 \
	--data-urlencode kind=decision --data-urlencode "title=Quyết định hỗ trợ sinh kế" \
	--data-urlencode drafted_on=2026-12-20 --data-urlencode agency=kinhte
expect_status 400
contains "$body" "drafted_on: the day of the draft is after today"
JAR=kinhte.jar http POST /drafts --data-urlencode "csrf=$csrf_kinhte" --data-urlencode unit=03390 \
	--data-urlencode kind=decision --data-urlencode "title=x" --data-urlencode drafted_on=2026-10-01 --data-urlencode agency=yte
expect_status 403
[ "$(count drafts)" = "$n0" ] || die "a refused draft was written"
# the Fatherland Front's supervisor reads only
JAR=front.jar http POST /drafts --data-urlencode "csrf=$csrf_front" --data-urlencode unit=03390 \
	--data-urlencode kind=decision --data-urlencode "title=x" --data-urlencode drafted_on=2026-10-01 --data-urlencode agency=kinhte
expect_status 403
JAR=kinhte.jar http POST /drafts --data-urlencode "csrf=$csrf_kinhte" --data-urlencode unit=03390 \
	--data-urlencode kind=decision --data-urlencode "number=Dự thảo 2" \
	--data-urlencode "title=Quyết định hỗ trợ phát triển sinh kế cho hộ nghèo" \
	--data-urlencode drafted_on=2026-10-01 --data-urlencode agency=kinhte
expect_status 303
d=$(header Location | sed 's|^/drafts/03390/\([0-9]*\).*|\1|')
JAR=kinhte.jar http GET "/drafts/03390/$d"
expect_status 200
contains "$body" "Whom does the document affect? Estimate how many women and how many men."
contains "$body" '<select name="q_widens_gap">'
contains "$body" 'name="action" value="submit"'
not_contains "$body" "/drafts/03390/$d/review"
not_contains "$body" "/drafts/03390/$d/issue"

post_draft() { # JAR CSRF VERSION ACTION [CURL ARGS]
	jar=$1 tok=$2 ver=$3 act=$4
	shift 4
	JAR=$jar http POST "/drafts/03390/$d" --data-urlencode "csrf=$tok" --data-urlencode "version=$ver" \
		--data-urlencode "action=$act" --data-urlencode kind=decision --data-urlencode "number=Dự thảo 2" \
		--data-urlencode "title=Quyết định hỗ trợ phát triển sinh kế cho hộ nghèo" \
		--data-urlencode drafted_on=2026-10-01 --data-urlencode agency=kinhte "$@"
}
# submitted half-filled: each required question named, nothing written
post_draft kinhte.jar "$csrf_kinhte" 1 submit --data-urlencode "q_affected=1.200 hộ: 2.300 nữ, 2.250 nam" \
	--data-urlencode q_widens_gap=no
expect_status 400
contains "$body" "answers.gender_issue: missing: this question must be answered before the check is submitted"
contains "$body" "answers.mitigation: missing"
[ "$(count draft_answers)" = 0 ] || die "a refused submit wrote answers"
# an unknown question, a yes/no answered otherwise
post_draft kinhte.jar "$csrf_kinhte" 1 save --data-urlencode q_nope=x --data-urlencode q_widens_gap=maybe
expect_status 400
contains "$body" "answers.nope: no such question in the checklist (version 1)"
contains "$body" "answers.widens_gap: answer yes or no"
# saved in part, then submitted whole
post_draft kinhte.jar "$csrf_kinhte" 1 save --data-urlencode "q_affected=1.200 hộ: 2.300 nữ, 2.250 nam" \
	--data-urlencode q_widens_gap=no
expect_status 303
post_draft kinhte.jar "$csrf_kinhte" 1 submit --data-urlencode "q_gender_issue=Nữ ít tiếp cận vốn vay" \
	--data-urlencode "q_impact=Nữ được hưởng 40% khoản hỗ trợ" --data-urlencode "q_data_used=Điều tra hộ nghèo 2025" \
	--data-urlencode "q_mitigation=Ưu tiên hộ do nữ làm chủ"
expect_status 409
contains "$body" "changed this after you opened it"
post_draft kinhte.jar "$csrf_kinhte" 2 submit --data-urlencode "q_gender_issue=Nữ ít tiếp cận vốn vay" \
	--data-urlencode "q_impact=Nữ được hưởng 40% khoản hỗ trợ" --data-urlencode "q_data_used=Điều tra hộ nghèo 2025" \
	--data-urlencode "q_mitigation=Ưu tiên hộ do nữ làm chủ"
expect_status 303
[ "$(sql gemis.db "SELECT state || ' ' || version FROM drafts WHERE id = $d")" = "submitted 3" ] || die "not submitted"
[ "$(count draft_answers)" = 6 ] || die "the answers were not kept whole"
# submitted: the agency cannot change it; the office returns it
post_draft kinhte.jar "$csrf_kinhte" 3 save
expect_status 409
contains "$body" "waits for review"
JAR=kinhte.jar http POST "/drafts/03390/$d/review" --data-urlencode "csrf=$csrf_kinhte" --data-urlencode version=3 \
	--data-urlencode action=review --data-urlencode comment=x
expect_status 403
JAR=vhxh.jar http GET "/drafts/03390/$d"
contains "$body" "/drafts/03390/$d/review"
JAR=vhxh.jar http POST "/drafts/03390/$d/review" --data-urlencode "csrf=$csrf_vhxh" --data-urlencode version=3 \
	--data-urlencode action=return
expect_status 400
contains "$body" "say what the drafting agency should know"
JAR=vhxh.jar http POST "/drafts/03390/$d/review" --data-urlencode "csrf=$csrf_vhxh" --data-urlencode version=3 \
	--data-urlencode action=return --data-urlencode "comment=Cần số liệu theo thôn"
expect_status 303
post_draft kinhte.jar "$csrf_kinhte" 4 submit --data-urlencode "q_data_used=Điều tra hộ nghèo 2025, theo thôn"
expect_status 303
JAR=vhxh.jar http POST "/drafts/03390/$d/review" --data-urlencode "csrf=$csrf_vhxh" --data-urlencode version=5 \
	--data-urlencode action=review --data-urlencode "comment=Đạt yêu cầu lồng ghép giới"
expect_status 303
JAR=vhxh.jar http GET "/drafts/03390/$d"
contains "$body" "Đạt yêu cầu lồng ghép giới"
contains "$body" "Điều tra hộ nghèo 2025, theo thôn"
not_contains "$body" 'name="q_'
# issued: by the focal point, not the office; not before the draft's day
JAR=vhxh.jar http POST "/drafts/03390/$d/issue" --data-urlencode "csrf=$csrf_vhxh" --data-urlencode version=6 \
	--data-urlencode "issued_no=12/QĐ-UBND" --data-urlencode issued_on=2026-11-02
expect_status 403
JAR=focal.jar http POST "/drafts/03390/$d/issue" --data-urlencode "csrf=$csrf_focal" --data-urlencode version=6 \
	--data-urlencode "issued_no=12/QĐ-UBND" --data-urlencode issued_on=2026-09-02
expect_status 400
contains "$body" "issued_on: the document was issued before the day of its draft"
JAR=focal.jar http POST "/drafts/03390/$d/issue" --data-urlencode "csrf=$csrf_focal" --data-urlencode version=6 \
	--data-urlencode "issued_no=12/QĐ-UBND" --data-urlencode issued_on=2026-11-02
expect_status 303
JAR=focal.jar http GET "/drafts?unit=03390&year=2026"
contains "$body" "12/QĐ-UBND · 02/11/2026"
contains "$body" "<strong>1</strong> gender checks reviewed"
JAR=front.jar http GET "/drafts/03390/$d"
expect_status 200
contains "$body" "Đạt yêu cầu lồng ghép giới"

# --- the API: the culture-social office's own draft goes to the focal point -
api "$tok_binhlu_vhxh" POST /api/v1/drafts -H "X-CSRF-Token: x" -H "Content-Type: application/json" \
	--data '{"unit": "03390", "kind": "plan", "title": "Kế hoạch truyền thông bình đẳng giới 2027", "drafted_on": "2026-12-01", "agency": "vhxh", "answers": {"nope": "x"}}'
expect_status 400
contains "$body" "answers.nope"
api "$tok_binhlu_vhxh" POST /api/v1/drafts -H "Content-Type: application/json" \
	--data '{"unit": "03390", "kind": "plan", "title": "Kế hoạch truyền thông bình đẳng giới 2027", "drafted_on": "2026-12-01", "agency": "vhxh", "submit": true, "answers": {"affected": "Toàn xã", "gender_issue": "Định kiến giới", "widens_gap": "no", "impact": "Nam và nữ cùng hưởng", "data_used": "Số liệu dân số 2025", "mitigation": "Truyền thông tới nam giới"}}'
expect_status 201
pid=$(printf '%s' "$body" | jq -r .id)
[ "$(printf '%s' "$body" | jq -r '.state, .answers.widens_gap')" = "$(printf 'submitted\nno')" ] || die "API draft: $body"
api "$tok_binhlu_vhxh" POST "/api/v1/drafts/03390/$pid/review" -H "Content-Type: application/json" \
	--data '{"action": "review", "version": 1, "comment": "tự thẩm định"}'
expect_status 403
api "$tok_binhlu_mttq" POST "/api/v1/drafts/03390/$pid/review" -H "Content-Type: application/json" \
	--data '{"action": "review", "version": 1, "comment": "x"}'
expect_status 403
api "$tok_binhlu" POST "/api/v1/drafts/03390/$pid/review" -H "Content-Type: application/json" \
	--data '{"action": "review", "version": 1, "comment": "Đạt"}'
expect_status 200
[ "$(printf '%s' "$body" | jq -r '.state, .review, (.steps | length)')" = "$(printf 'reviewed\nĐạt\n2')" ] ||
	die "API review: $body"
api "$tok_binhlu" POST "/api/v1/drafts/03390/$pid/issue" -H "Content-Type: application/json" \
	--data '{"version": 2, "issued_no": "30/KH-UBND", "issued_on": "2026-12-20"}'
expect_status 400
contains "$body" "issued_on"
api "$tok_binhlu" GET "/api/v1/drafts/03390/$pid"
expect_status 200
api "$tok_binhlu" GET "/api/v1/drafts/03394/$pid"
expect_status 403

# --- the command line: a draft issued without a check; the sums agree ------
expect_ok "$GEMIS" draft add --unit 03390 --kind decision --title "Quyết định thành lập tổ hòa giải" \
	--drafted-on 2026-11-01 --agency congan --as binhlu
c=$(sql gemis.db "SELECT MAX(id) FROM drafts")
expect_fail 1 "$GEMIS" --lang en draft issue --unit 03390 --id "$c" --number 40/QĐ-UBND --on 2026-12-20 --as binhlu
contains "$err" "issued_on: the day it was issued is after today"
expect_ok "$GEMIS" draft issue --unit 03390 --id "$c" --number 40/QĐ-UBND --on 2026-12-01 --as binhlu
expect_fail 1 "$GEMIS" --lang en draft add --id "$c" --unit 03390 --kind decision --title x --drafted-on 2026-11-01 \
	--agency congan --as binhlu
contains "$err" "this draft was issued as 40/QĐ-UBND on 01/12/2026"
expect_ok "$GEMIS" draft list --unit 03390 --year 2026 --json
cli=$(printf '%s' "$out" | jq -c .summary)
api "$tok_binhlu" GET "/api/v1/drafts?unit=03390&year=2026"
[ "$(printf '%s' "$body" | jq -c .summary)" = "$cli" ] || die "the API's sums $body differ from the CLI's $cli"
[ "$(printf '%s' "$cli" | jq -r '.drafts - '"$n0"', .checked, .issued, .issued_checked')" = "$(printf '3\n2\n2\n1')" ] ||
	die "the sums: $cli"
expect_ok "$GEMIS" --lang en draft list --unit 03390 --year 2026
contains "$out" "issued as 40/QĐ-UBND 01/12/2026"
