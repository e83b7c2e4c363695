# The agencies' scorecard (issue 14): computed from the demo's Bình Lư as
# judged on 15/12/2026, each score equal to the one worked out by hand from
# its criteria and the nation's default weights; the page, the API and the
# CLI agree; a province's own weights (a new version) change its communes'
# scores from their year on, and only a province's officer may set them.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo --forms
export GEMIS_TODAY=2026-12-15
expect_ok "$GEMIS" scorecard --unit 03390 --year 2026 --json
printf '%s' "$out" >cli.json
row() { jq -c --arg a "$1" '.rows[] | select(.agency == $a)' cli.json; }
[ "$(jq -r '.rules.origin + " " + (.rules.version | tostring)' cli.json)" = "VN 1" ] || die "the default rules"
# the culture-social office: its form late (0/1), its task done (1/1), 2 of
# its 5 judged indicators on track, activities logged in 2 of 4 quarters
# (the third and the Action Month's): 30*0 + 30*1 + 25*2/5 + 15*2/4 = 47.5
vhxh=$(row vhxh)
[ "$(printf '%s' "$vhxh" | jq -c '[.criteria[] | [.part, .whole]]')" = '[[0,1],[1,1],[2,5],[2,4]]' ] ||
	die "the culture-social office's criteria: $vhxh"
[ "$(printf '%s' "$vhxh" | jq '.score, .rank' | tr '\n' ' ')" = "47.5 1 " ] || die "its score: $vhxh"
# the economic office: form late, task in progress, its one indicator on
# track, nothing logged: 25*1 = 25
kinhte=$(row kinhte)
[ "$(printf '%s' "$kinhte" | jq '.score, .rank' | tr '\n' ' ')" = "25 2 " ] || die "the economic office: $kinhte"
# the police: no indicator (does not apply: its weight goes to the others),
# nothing done: 0, sharing the last rank
congan=$(row congan)
[ "$(printf '%s' "$congan" | jq -c '[.score, .criteria.indicators_on_track.whole, .criteria.indicators_on_track.points]')" = '[0,0,null]' ] ||
	die "the police: $congan"

# the table for the emulation council, as CSV: the same rows
expect_ok "$GEMIS" scorecard --unit 03390 --year 2026 -o council.csv
grep -q '^1,Culture and Social Affairs Office,47.50,0,1,0.00,1,1,30.00,2,5,10.00,2,4,7.50,VN v1$' council.csv ||
	die "the CSV's first row: $(sed -n 2p council.csv)"
[ "$(wc -l <council.csv)" = "$(($(jq '.rows | length' cli.json) + 1))" ] || die "the CSV has a row per agency"
# ... and as a workbook: the rules and their version on top, the rows
# ranked from row 6, numbers as numbers (rank 1, score 47.5, the forms'
# part 0 of 1 for 0 points, the tasks' 1 of 1 for 30)
expect_ok "$GEMIS" scorecard --unit 03390 --year 2026 -o council.xlsx
unzip -tq council.xlsx >/dev/null || die "the workbook is not a zip"
unzip -p council.xlsx xl/worksheets/sheet1.xml >sheet.xml
xmllint --noout sheet.xml || die "the sheet is not well-formed"
for cell in 'A6" s="[0-9]*"><v>1<' 'C6" s="[0-9]*"><v>47.5<' 'D6" s="[0-9]*"><v>0<' 'E6" s="[0-9]*"><v>1<' \
	'F6" s="[0-9]*"><v>0<' 'G6" s="[0-9]*"><v>1<' 'I6" s="[0-9]*"><v>30<'; do
	grep -q "<c r=\"$cell" sheet.xml || die "the workbook's cell $cell"
done
strings=$(unzip -p council.xlsx xl/sharedStrings.xml)
contains "$strings" "Scorecard of Xã Bình Lư for 2026 (rules of VN, version 1)" "the workbook"
contains "$strings" "Culture and Social Affairs Office" "the workbook"
# the police's indicators do not apply: left empty, not 0
congan_row=$(( $(jq '[.rows[].agency] | index("congan")' cli.json) + 6 ))
grep -q "<c r=\"J$congan_row\" s=\"[0-9]*\"/>" sheet.xml || die "the police's indicators are not left empty"

# the page and the API say the same
start_server
JAR=focal.jar sign_in binhlu gemis-demo-2026
JAR=focal.jar http GET /lang/en?next=/
JAR=focal.jar http GET "/scorecard?unit=03390&year=2026"
expect_status 200
contains "$body" "Scorecard for the emulation review"
contains "$body" "<td>Culture and Social Affairs Office</td><td class=\"num\"><strong>47.5</strong></td>"
contains "$body" "1/1 <small>(+30.0)</small>"
contains "$body" "Weights of Việt Nam, version 1."
expect_ok "$GEMIS" token create binhlu
http GET "/api/v1/scorecard?unit=03390&year=2026" -H "Authorization: Bearer $out" -H "Accept-Language: en"
expect_status 200
jq -S . body.txt >api.json
jq -S . cli.json >cli.sorted.json
cmp -s api.json cli.sorted.json || die "the API and the CLI differ: $(diff api.json cli.sorted.json | head -5)"
# the workbook from the page: the same bytes as the CLI's
JAR=focal.jar http GET "/scorecard?unit=03390&year=2026"
contains "$body" 'href="/scorecard.xlsx?unit=03390&amp;year=2026"'
JAR=focal.jar http GET "/scorecard.xlsx?unit=03390&year=2026"
expect_status 200
contains "$(header Content-Disposition)" 'attachment; filename="cham-diem-03390-2026.xlsx"'
cmp -s body.txt council.xlsx || die "the page's workbook and the CLI's differ"
JAR=prov.jar sign_in laichau gemis-demo-2026
JAR=prov.jar http GET "/scorecard?unit=12&year=2026"
expect_status 200
contains "$body" "Bình Lư"
JAR=focal.jar http GET "/scorecard?unit=12&year=2026"
expect_status 403

# a province's own weights from 2026: tasks only
expect_fail 2 "$GEMIS" scorecard rules --unit 12 --since 2026 --weights colour=1
expect_fail 1 "$GEMIS" scorecard rules --unit 12 --since 2026 --weights tasks_done=100 --as binhlu
contains "$err" "only the province's officer"
expect_ok "$GEMIS" scorecard rules --unit 12 --since 2027 --weights tasks_done=100 --as laichau
expect_ok "$GEMIS" scorecard --unit 03390 --year 2026 --json
[ "$(printf '%s' "$out" | jq -r '.rules.origin')" = VN ] || die "2026 keeps the nation's rules"
expect_ok "$GEMIS" scorecard --unit 03390 --year 2027 --json
[ "$(printf '%s' "$out" | jq -r '.rules.origin + " " + (.rules.version | tostring)')" = "12 1" ] || die "2027: the province's rules"
[ "$(sql gemis.db "SELECT COUNT(*) FROM scorecard_rules")" = 8 ] || die "the versions kept"
