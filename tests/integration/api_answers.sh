# The API's answers that the other tests do not ask for: every route with
# good and bad input, for every role's view, so that tests/run-integration
# checks them against data/api/openapi.json with the rest (lib.sh's http()
# records every /api/v1 answer; tools/openapi-check.mjs validates them).
# The checks here are the statuses; the shapes are the validator's.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo --forms
expect_ok "$GEMIS" token create admin
admin=$out
expect_ok "$GEMIS" token create laichau
prov=$out
start_server

api() {
	want=$1
	tok=$2
	shift 2
	http "$@" -H "Authorization: Bearer $tok"
	expect_status "$want"
	case "$(header Content-Type)" in
	application/json*) ;;
	*) die "$2: the answer is $(header Content-Type), not JSON" ;;
	esac
}

api 200 "$admin" GET /api/v1/openapi.json
api 200 "$admin" GET /api/v1/me
api 200 "$prov" GET /api/v1/me
api 200 "$admin" GET /api/v1/indicators
jq -e '.indicators | length > 15' body.txt >/dev/null || die "the catalog"

# units: the account's, a parent, one unit; a bad code, an unknown one, one
# outside the scope
api 200 "$admin" GET /api/v1/units
api 200 "$prov" GET "/api/v1/units?parent=12"
api 200 "$prov" GET "/api/v1/units?parent=03390"
api 400 "$prov" GET "/api/v1/units?parent=not-a-code"
api 404 "$admin" GET "/api/v1/units?parent=99999"
api 403 "$prov" GET "/api/v1/units?parent=99999"
api 403 "$prov" GET "/api/v1/units?parent=24"
api 200 "$admin" GET /api/v1/units/VN
api 200 "$prov" GET /api/v1/units/03390
jq -e '.children == 0 and .parent == "12"' body.txt >/dev/null || die "a commune's children and parent"
api 200 "$prov" GET /api/v1/units/12
jq -e '.children > 0' body.txt >/dev/null || die "a province's children"
api 404 "$admin" GET /api/v1/units/99999
api 403 "$prov" GET /api/v1/units/24

# progress: a commune, a province, the nation (the case register's hidden
# counts as "<5" or "x"); a missing unit, a bad year, an unknown unit
api 200 "$prov" GET "/api/v1/progress?unit=03390&year=2026"
api 200 "$prov" GET "/api/v1/progress?unit=12&year=2026"
api 200 "$admin" GET "/api/v1/progress?unit=VN&year=2026"
api 200 "$admin" GET "/api/v1/progress?unit=12&year=2025"
api 400 "$prov" GET /api/v1/progress
api 400 "$prov" GET "/api/v1/progress?unit=12&year=20x6"
api 404 "$admin" GET "/api/v1/progress?unit=99999&year=2026"
for u in 03390 12 VN; do
	http GET "/api/v1/progress?unit=$u&year=2026" -H "Authorization: Bearer $admin"
	jq -e '[.indicators[] | .numerator, .denominator | strings] | length > 0' body.txt >/dev/null && break
done || die "no hidden count in the demo's progress: the API's \"<5\" goes unchecked"

# reporting: exactly what `gemis reporting --json` prints, on the same day
api 200 "$prov" GET "/api/v1/reporting?unit=12&year=2026&as_of=2026-12-02"
expect_ok "$GEMIS" reporting --unit 12 --year 2026 --as-of 2026-12-02 --json --lang vi
[ "$(jq -S . body.txt)" = "$(printf '%s' "$out" | jq -S .)" ] || die "the API's reporting differs from gemis reporting --json"
jq -e '.total.expected > 0 and .leaves == 38 and (.forms | length) == .total.expected' body.txt >/dev/null ||
	die "reporting of Lai Châu: $(jq -c .total body.txt)"
api 200 "$admin" GET "/api/v1/reporting?unit=03390"
api 400 "$prov" GET /api/v1/reporting
api 400 "$prov" GET "/api/v1/reporting?unit=12&as_of=2026-13-01"
api 400 "$prov" GET "/api/v1/reporting?unit=12&as_of=yesterday"
api 403 "$prov" GET "/api/v1/reporting?unit=24&year=2026"
api 404 "$admin" GET "/api/v1/reporting?unit=99999"

# plans: one in force, none, outside the scope
api 200 "$prov" GET /api/v1/plans/03390
api 404 "$prov" GET /api/v1/plans/12
api 403 "$prov" GET /api/v1/plans/24

# forms: a list, one form, a bad year, an unknown agency
api 200 "$prov" GET "/api/v1/submissions?unit=12&year=2026"
api 200 "$prov" GET "/api/v1/submissions?unit=03390"
api 400 "$prov" GET "/api/v1/submissions?unit=12&year=abc"
api 200 "$prov" GET /api/v1/submissions/03390/yte/2026
api 404 "$prov" GET /api/v1/submissions/03390/nobody/2026
api 403 "$prov" GET /api/v1/submissions/24001/yte/2026
api 400 "$prov" POST /api/v1/submissions/03390/yte/2026 -H "Content-Type: application/json" --data '{"action": "fly"}'

# values: a dry run, problems listed, a body that is not JSON
api 200 "$prov" POST "/api/v1/values?dry_run=1" -H "Content-Type: text/csv" \
	--data-binary "$(printf 'unit,period,indicator,part,sex,value\n03394,2026,female_wage_workers,num,T,412\n')"
api 400 "$prov" POST "/api/v1/values?dry_run=1" -H "Content-Type: text/csv" \
	--data-binary "$(printf 'unit,period,indicator,part,sex,value\n03390,2026,nothing,num,T,1\n24001,2026,female_wage_workers,num,T,x\n')"
jq -e '.problems | length > 1' body.txt >/dev/null || die "the problems of a refused import"
api 400 "$prov" POST /api/v1/values -H "Content-Type: application/json" --data '{"values": ['

# no token, a wrong one
http GET /api/v1/me
expect_status 401
http GET /api/v1/indicators -H "Authorization: Bearer gmt_0000000000000000000000000000000000000000000000000000000000000000"
expect_status 401

stop_server

# the validator itself fails on what the document does not allow: an
# undocumented status, a null where a number is due, a member of its own
printf '%s\n' '{"test":"t","method":"GET","path":"/api/v1/me","status":418,"type":"application/json","body":"{}"}' \
	'{"test":"t","method":"GET","path":"/api/v1/units/12","status":200,"type":"application/json","body":"{\"code\":\"12\",\"name\":\"x\",\"short_name\":\"x\",\"level\":\"province\",\"parent\":\"VN\",\"children\":null}"}' \
	'{"test":"t","method":"GET","path":"/api/v1/me","status":200,"type":"application/json","body":"{\"name\":\"a\",\"role\":\"admin\",\"unit\":\"VN\",\"secret\":1}"}' >bad.jsonl
expect_fail 1 node "$ROOT/tools/openapi-check.mjs" bad.jsonl
contains "$out" "status 418 is not documented"
contains "$out" "body/children must be integer"
contains "$out" "must NOT have additional properties"
