# An indicator added from the command line, without a rebuild (issue 17):
# refused with the field named when it is wrong, and nothing written;
# once added, listed, assigned by a plan, on its agency's form, reported
# by sex through the form and a CSV file, rolled up, judged against its
# national target, and in the yearly report.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
export GEMIS_LANG=en
# the demo's own added rows: the series of Bình Lư's target on a group
# (docs/breakdowns.md)
n0=$(sql gemis.db "SELECT COUNT(*) FROM indicators WHERE builtin = 0")
add() {
	"$GEMIS" indicator add --goal economy --name-vi "Tỷ lệ lao động nữ tham gia bảo hiểm xã hội" \
		--name-en "Working women with social insurance" \
		--part-vi "Số lao động tham gia bảo hiểm xã hội" --part-en "Workers insured" \
		--den-vi "Tổng số lao động" --den-en "Workers" "$@"
}

# bad input names the field, and writes nothing
expect_fail 1 add --id female_key_leaders
contains "$err" "id: female_key_leaders is already"
expect_fail 1 add --id "Bảo hiểm"
contains "$err" "id: 1 to 63"
expect_fail 1 add --id si.women
contains "$err" "id: 1 to 63"
expect_fail 1 add --id si_women --factor 250
contains "$err" "factor:"
expect_fail 1 add --id si_women --den-vi ""
contains "$err" "den_vi:"
expect_fail 1 add --id si_women --unit "$(printf '\377\376')"
contains "$err" "unit:"
expect_fail 2 add --id si_women --kind value
contains "$err" "--den-vi"
expect_fail 1 add --id si_women --factor -3
contains "$err" "factor:"
expect_fail 2 add --id si_women --target at_least:abc:2030
contains "$err" "--target"
expect_fail 1 add --id si_women --name-vi "   "
contains "$err" "name_vi:"
expect_fail 2 add --id si_women --goal sports
contains "$err" "--goal"
# a reporter may not change the catalog
expect_fail 1 add --id si_women --as binhlu.kinhte
contains "$err" "ministry"
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicators WHERE builtin = 0")" = "$n0" ] || die "a refused indicator was written"
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicator_log")" = "$n0" ] || die "a refused indicator was logged"

# the ministry adds it, by sex, with a national target
expect_ok add --id si_women --by-sex --share --target at_least:45:2030 --as bo.noivu
contains "$out" "si_women"
[ "$(sql gemis.db "SELECT changed_by FROM indicator_log WHERE indicator = 'si_women' AND action = 'add'")" = bo.noivu ] \
	|| die "the change is not in the indicator log"
expect_ok "$GEMIS" indicators --json
[ "$(printf '%s' "$out" | jq length)" = $((25 + n0)) ] || die "the catalog has not grown"
[ "$(printf '%s' "$out" | jq -r '.[-1] | "\(.id) \(.by_sex) \(.local)"')" = "si_women true true" ] || die "the added indicator"
# added once: the id is taken for good
expect_fail 1 add --id si_women
contains "$err" "si_women"

# Bình Lư's amended plan gives it to the economic office, with a target
cat >amend.json <<'JSON'
{"document": {"number": "9/KH-UBND", "date": "2026-07-01", "period": [2026, 2030],
  "title": "Bổ sung chỉ tiêu bảo hiểm xã hội",
  "unit": {"level": "commune", "name": "Bình Lư", "code": "03390"},
  "amends": {"number": "645/KH-UBND", "date": "2026-04-10"}},
 "targets": [{"indicator": "si_women", "value": 40, "direction": "at_least", "year": 2030}],
 "aims": [], "agencies": ["kinhte"], "assignments": {"kinhte": ["si_women"]},
 "deadline": {"day": 30, "month": 11, "year": null, "to": "vhxh"}, "lint": []}
JSON
expect_ok "$GEMIS" plan load amend.json

# its form, through the API: the economic office's reporter fills it in
# (this indicator's boxes with its numbers, the others' with 1 of 100) and
# submits it, the commune's focal point approves it
expect_ok "$GEMIS" token create binhlu.kinhte
tok=$out
expect_ok "$GEMIS" token create binhlu
focal=$out
start_server
http GET /api/v1/submissions/03390/kinhte/2026 -H "Authorization: Bearer $tok"
expect_status 200
[ "$(jq '[.fields[] | select(.indicator == "si_women")] | length' body.txt)" = 4 ] || die "no form fields: $body"
fields=$(jq '[.fields[] | {indicator, part, sex, period, value: (
	if .indicator != "si_women" then (if .part == "den" then 100 else 1 end)
	elif .part == "den" then 100 elif .sex == "F" then 30 else 50 end)}]' body.txt)
http POST /api/v1/submissions/03390/kinhte/2026 -H "Authorization: Bearer $tok" -H "Content-Type: application/json" \
	--data "{\"action\": \"submit\", \"version\": 0, \"values\": $fields, \"narrative\": \"Vận động 80 lao động tham gia bảo hiểm.\"}"
expect_status 200
http POST /api/v1/submissions/03390/kinhte/2026 -H "Authorization: Bearer $focal" -H "Content-Type: application/json" \
	--data '{"action": "approve", "version": 1}'
expect_status 200
stop_server
[ "$(sql gemis.db "SELECT COUNT(*) FROM datavalues WHERE indicator = 'si_women' AND unit_id = (SELECT id FROM units WHERE code = '03390')")" = 4 ] \
	|| die "the approved form's values"

# a neighbouring commune reports it in a CSV file
cat >si.csv <<'CSV'
unit,period,indicator,part,sex,value
03394,2026,si_women,num,F,10
03394,2026,si_women,den,F,100
03394,2026,si_women,num,M,30
03394,2026,si_women,den,M,100
CSV
expect_ok "$GEMIS" values import si.csv
# a sex it takes only: the total is the sum of the sexes, rolled up to the
# province, and judged against the national target
expect_ok "$GEMIS" progress --unit 03394 --year 2026 --json
[ "$(printf '%s' "$out" | jq -r '.indicators[] | select(.indicator == "si_women") | .value')" = 20 ] || die "the commune's value"
expect_ok "$GEMIS" progress --unit 12 --year 2026 --json
row=$(printf '%s' "$out" | jq -c '.indicators[] | select(.indicator == "si_women")')
# (80 + 40) / (200 + 200): the parts are summed, not the communes' rates
[ "$(printf '%s' "$row" | jq -r .value)" = 30 ] || die "the province's value: $row"
[ "$(printf '%s' "$row" | jq -r .target.value)" = 45 ] || die "the national target: $row"
# the yearly report has its line
expect_ok "$GEMIS" report --unit 12 --year 2026 --format html -o r.html --lang en
grep -q "Working women with social insurance" r.html || die "not in the yearly report"
# and a new process reads it again from the database, once
expect_ok "$GEMIS" indicators
[ "$(printf '%s\n' "$out" | grep -c '^si_women ')" = 1 ] || die "listed $(printf '%s\n' "$out" | grep -c '^si_women ') times"

# the exchange formats carry it: ADX and SDMX name it, and the ADX file
# read back changes nothing
expect_ok "$GEMIS" values export --unit 03394 --year 2026 --format adx -o si.adx.xml
grep -q 'dataElement="si_women' si.adx.xml || die "not in the ADX export"
changes=$(sql gemis.db "SELECT COUNT(*) FROM value_changes")
expect_ok "$GEMIS" values import si.adx.xml
contains "$out" "0 new, 0 changed"
[ "$(sql gemis.db "SELECT COUNT(*) FROM value_changes")" = "$changes" ] || die "the ADX round trip changed values"
[ "$(sql gemis.db "SELECT COUNT(*) FROM datavalues WHERE indicator = 'si_women'")" = 8 ] || die "the ADX round trip"
expect_ok "$GEMIS" values export --unit 03394 --year 2026 --format sdmx -o si.sdmx.csv
grep -q 'si_women' si.sdmx.csv || die "not in the SDMX export"
expect_ok "$GEMIS" values export --unit 03394 --format sdmx-structure -o si.structure.xml
grep -q 'id="si_women"' si.structure.xml || die "not in the SDMX codelist"
expect_ok "$GEMIS" indicators --json
printf '%s' "$out" | jq -e . >/dev/null || die "the catalog's JSON"

# the web's pages show it like the others (a server started after the
# addition, as the help says)
start_server
sign_in admin gemis-demo-2026
for page in "/" "/?unit=12" "/province/12" "/province/VN" "/plan/03390" "/entry/03390/kinhte/2026" \
	"/indicator/si_women" "/review?unit=12&year=2026" "/reporting?unit=12" "/scorecard?unit=12" "/province/12?goal=economy&sort=si_women"; do
	http GET "$page"
	[ "$status" = 200 ] || die "$page: HTTP $status"
done
http GET "/indicator/si_women?unit=12"
contains "$body" "Tỷ lệ lao động nữ tham gia bảo hiểm xã hội"
http GET "/province/12?goal=economy"
contains "$body" "si_women"
stop_server

# past 64 indicators (the old masks' limit): 46 more, added while a server
# answers pages all the time; one of them assigned and reported; plans,
# progress and the report still answer, and the running server shows it
# without a restart (each request keeps to its snapshot's catalog)
start_server
JAR=admin71.txt
export JAR
sign_in admin gemis-demo-2026
: >codes.txt
(
	while [ ! -e adds.done ]; do
		for page in "/" "/?unit=12" "/province/12" "/plan/03390" "/entry/03390/kinhte/2026" \
			"/review?unit=12&year=2026" "/indicator/si_women?unit=12"; do
			curl -s -o /dev/null -w '%{http_code} '"$page"'\n' -b admin71.txt "$BASE$page" >>codes.txt
		done
	done
) &
pages=$!
i=0
while [ $i -lt 46 ]; do
	i=$((i + 1))
	"$GEMIS" indicator add --id "extra_$i" --goal family --kind value --name-vi "Chỉ tiêu thêm $i" \
		--name-en "Extra $i" --part-vi "Số $i" --part-en "Number $i" >/dev/null || die "extra_$i"
done
touch adds.done
wait $pages
[ "$(grep -c . codes.txt)" -gt 7 ] || die "pages were not asked while the catalog grew"
if grep -v '^200 ' codes.txt; then die "a page failed while the catalog grew"; fi
expect_ok "$GEMIS" indicators --json
[ "$(printf '%s' "$out" | jq length)" = $((71 + n0)) ] || die "71 indicators and the demo's series"
sed 's/"si_women"/"extra_46"/g; s/9\/KH-UBND/10\/KH-UBND/' amend.json >amend2.json
expect_ok "$GEMIS" plan load amend2.json
printf 'unit,period,indicator,part,sex,value\n03394,2026,extra_46,value,T,7\n03390,2026,extra_46,value,T,5\n' >x.csv
expect_ok "$GEMIS" values import x.csv
expect_ok "$GEMIS" progress --unit 12 --year 2026 --json
[ "$(printf '%s' "$out" | jq -r '.indicators[] | select(.indicator == "extra_46") | .value')" = 12 ] || die "the 71st indicator"
expect_ok "$GEMIS" progress --unit 03390 --year 2026 --json
[ "$(printf '%s' "$out" | jq -r '.indicators[] | select(.indicator == "extra_46") | .target.value')" = 40 ] || die "the 71st indicator's target"
expect_ok "$GEMIS" report --unit 03390 --year 2026 --format docx -o r.docx
# the server started before the additions picks them up at its next refresh
n=0
while :; do
	http GET "/entry/03390/kinhte/2026"
	[ "$status" = 200 ] && printf '%s' "$body" | grep -q "Chỉ tiêu thêm 46" && break
	n=$((n + 1))
	[ $n -lt 100 ] || die "the running server does not show the indicators added since it started"
	sleep 0.1
done
for page in "/" "/?unit=12" "/province/12" "/plan/03390" "/indicator/extra_46?unit=12" \
	"/review?unit=12&year=2026" "/reporting?unit=12"; do
	http GET "$page"
	[ "$status" = 200 ] || die "$page with 71 indicators: HTTP $status"
done
http GET "/indicator/extra_46?unit=12"
contains "$body" "Chỉ tiêu thêm 46"
stop_server
