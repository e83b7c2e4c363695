# A unit with no data for the year shown is "not reported for that year",
# never judged on an older year's data (issue 20: communes silent in 2026
# showed a green "achieved" of 2025 on their province's pages).  In the
# demo, Tân Uyên (03598, Lai Châu) reported female_business_leaders in
# 2025, achieving its target, and nothing in 2026.  Checked wherever units
# are listed or coloured: the indicator page, the province grid, the
# dashboard, the API, the command line and the yearly report.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
ind=female_business_leaders
# the facts the test rests on
expect_ok "$GEMIS" progress --unit 03598 --year 2025 --json
[ "$(printf '%s' "$out" | jq -r ".indicators[] | select(.indicator == \"$ind\") | .status")" = achieved ] ||
	die "the demo changed: Tân Uyên no longer achieves $ind in 2025"

# the command line and the API: not_reported, with what 2025 said apart
"$GEMIS" progress --unit 03598 --year 2026 --json >cli.json
[ "$(jq -c ".indicators[] | select(.indicator == \"$ind\") | [.status, .previous_status, .latest_year, .value]" cli.json)" = \
	'["not_reported","achieved",2025,null]' ] || die "progress --json: $(jq -c ".indicators[] | select(.indicator == \"$ind\")" cli.json)"
expect_ok "$GEMIS" progress --unit 03598 --year 2026
contains "$out" "not reported"
not_contains "$out" "achieved"
expect_ok "$GEMIS" progress --unit 12 --year 2026 --json
[ "$(printf '%s' "$out" | jq ".indicators[] | select(.indicator == \"$ind\") | .subunits.not_reported")" = 8 ] ||
	die "the province's count of communes not reported"

start_server
sign_in laichau gemis-demo-2026
http GET /lang/en?next=/
http GET "/api/v1/progress?unit=03598&year=2026"
expect_status 200
cmp -s body.txt cli.json || die "the API differs from gemis progress --json"

# the province's indicator page: marked, with the older status in words
http GET "/indicator/$ind?unit=12&year=2026"
expect_status 200
row=$(grep -o '<tr><td class="num">[0-9]*</td><td><a href="/indicator/[a-z_]*?unit=03598[^"]*">Tân Uyên</a></td>.*' body.txt | sed 's|</tr>.*||')
[ -n "$row" ] || die "Tân Uyên is not listed"
contains "$row" "not reported in 2026"
contains "$row" "(2025: achieved)"
not_contains "$row" "st-achieved"
contains "$body" "Status in 2026"

# the grid: its cells are not coloured with a status
http GET "/province/12?year=2026"
row=$(grep -o '<tr class="silent"><th scope="row"><a href="/?unit=03598[^>]*>Tân Uyên</a>.*' body.txt | sed 's|</tr>.*||')
[ -n "$row" ] || die "Tân Uyên is not in the grid, marked as silent"
contains "$row" '<small class="tag">not reported in 2026</small>'
# a status filter dims the cells in other statuses
http GET "/province/12?year=2026&status=off_track"
contains "$body" 'class="cell st-on dim"'
not_contains "$body" 'class="cell st-off dim"'
http GET "/province/12?year=2026"
contains "$row" "st-notreported"
not_contains "$row" "st-achieved"
not_contains "$row" "st-on\""

# the commune's dashboard and the province's
http GET "/?unit=03598&year=2026"
contains "$body" "not reported in 2026"
not_contains "$body" 'class="badge st-achieved"'
http GET "/?unit=12&year=2026"
contains "$body" "8 not reported"

# the yearly report of the commune
http GET "/report?unit=03598&year=2026&format=html"
expect_status 200
contains "$body" "not reported in 2026"
contains "$body" "Indicators not reported for 2026"
stop_server
