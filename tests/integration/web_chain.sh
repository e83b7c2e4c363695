# The reporting chain's periods and deadlines on the web and in the API:
# the province sets when its communes' yearly reports are due, a commune
# sees it; Decree 09/2019's period until one is set; bad dates refused.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
start_server

JAR=prov.jar sign_in laichau gemis-demo-2026
JAR=prov.jar http GET /lang/en
pcsrf=$(JAR=prov.jar csrf_token)
JAR=prov.jar http GET "/chain?unit=12&year=2026"
expect_status 200
contains "$body" "15/12/2025 – 14/12/2026"
contains "$body" "(Decree 09/2019/NĐ-CP, nothing set)"
contains "$body" "no date set"
contains "$body" 'action="/chain/12/2026"'
# a commune sees its province's: nothing set yet
JAR=bl.jar sign_in binhlu gemis-demo-2026
JAR=bl.jar http GET /lang/en
JAR=bl.jar http GET "/chain?year=2026"
expect_status 200
contains "$body" "The yearly report of Xã Bình Lư for 2026 goes to"
contains "$body" "no date set"
not_contains "$body" 'action="/chain/'

# the province sets its deadline
JAR=prov.jar http POST /chain/12/2026 --data-urlencode "csrf=$pcsrf" --data-urlencode from=2025-12-15 \
	--data-urlencode to=2026-12-14 --data-urlencode due=2026-12-20
expect_status 303
[ "$(header Location)" = "/chain?unit=12&year=2026" ] || die "redirect: $(header Location)"
JAR=bl.jar http GET "/chain?year=2026"
contains "$body" "20/12/2026"
not_contains "$body" "nothing set"
JAR=bl.jar http GET /api/v1/chain-periods/03390/2026
expect_status 200
[ "$(jq -c '[.receiver, .from, .to, .due, .default]' body.txt)" = '["12","2025-12-15","2026-12-14","2026-12-20",false]' ] ||
	die "API period: $(cat body.txt)"
# the same through the API, and the deadline removed with null
JAR=prov.jar http POST /api/v1/chain-periods/12/2026 -H "X-CSRF-Token: $pcsrf" -H "Content-Type: application/json" \
	--data '{"due": null}'
expect_status 200
[ "$(jq -c '.due' body.txt)" = null ] || die "due not removed: $(cat body.txt)"
JAR=prov.jar http POST /api/v1/chain-periods/12/2026 -H "X-CSRF-Token: $pcsrf" -H "Content-Type: application/json" \
	--data '{"due": "2026-12-18"}'
expect_status 200
"$GEMIS" chain period --unit 12 --year 2026 >cli.txt
contains "$(cat cli.txt)" "Due: 18/12/2026"

# refused: a deadline before the period, not a date, an unknown field; the
# stored one stays
JAR=prov.jar http POST /chain/12/2026 --data-urlencode "csrf=$pcsrf" --data-urlencode from=2025-12-15 \
	--data-urlencode to=2026-12-14 --data-urlencode due=2025-01-01
expect_status 400
contains "$body" "the deadline must not be before the period starts"
JAR=prov.jar http POST /chain/12/2026 --data-urlencode "csrf=$pcsrf" --data-urlencode from=15/12/2025 \
	--data-urlencode to=2026-12-14
expect_status 400
contains "$body" "give the first and last day"
JAR=prov.jar http POST /api/v1/chain-periods/12/2026 -H "X-CSRF-Token: $pcsrf" -H "Content-Type: application/json" \
	--data '{"due": "2026-12-18", "late": true}'
expect_status 400
JAR=prov.jar http POST /api/v1/chain-periods/12/2026 -H "X-CSRF-Token: $pcsrf" -H "Content-Type: application/json" \
	--data '{"to": "2025-01-01"}'
expect_status 400
contains "$body" "to"
"$GEMIS" chain period --unit 12 --year 2026 >cli.txt
contains "$(cat cli.txt)" "Due: 18/12/2026"
contains "$(cat cli.txt)" "15/12/2025 – 14/12/2026"
# the commune may not set it, nor the province its communes'
bcsrf=$(JAR=bl.jar csrf_token)
JAR=bl.jar http POST /chain/12/2026 --data-urlencode "csrf=$bcsrf" --data-urlencode from=2025-12-15 --data-urlencode to=2026-12-14
expect_status 403
JAR=prov.jar http POST /chain/03390/2026 --data-urlencode "csrf=$pcsrf" --data-urlencode from=2025-12-15 --data-urlencode to=2026-12-14
expect_status 403
