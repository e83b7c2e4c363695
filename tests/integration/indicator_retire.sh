# Retiring an indicator (issue 17): `gemis indicator retire ID --from YEAR`
# refuses an unknown id, a series, a year out of range or one with values
# stored, naming the field and writing nothing; once retired, the
# indicator and its series leave the forms of YEAR and later (a running
# server's too, without a restart) and a value of those years is refused
# with its line named, while its values, report and progress before YEAR
# stay; a plan's target on it is stored with a warning; a built-in one
# stays retired across the catalog sync of every start; the change and its
# undo are in the indicator log.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
export GEMIS_LANG=en
name_vi="Tỷ lệ lao động nữ tham gia bảo hiểm xã hội"
expect_ok "$GEMIS" indicator add --id si_women --goal economy --name-vi "$name_vi" \
	--name-en "Working women with social insurance" \
	--part-vi "Số lao động tham gia bảo hiểm xã hội" --part-en "Workers insured" \
	--den-vi "Tổng số lao động" --den-en "Workers" --by-sex --share --as bo.noivu
expect_ok "$GEMIS" indicator breakdown si_women area --as bo.noivu
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
not_contains "$err" "retired"
cat >si.csv <<'CSV'
unit,period,indicator,part,sex,value
03390,2026,si_women,num,F,10
03390,2026,si_women,den,F,100
03390,2026,si_women,num,M,30
03390,2026,si_women,den,M,100
CSV
expect_ok "$GEMIS" values import si.csv

# refusals name the field and write nothing
logs=$(sql gemis.db "SELECT COUNT(*) FROM indicator_log")
expect_fail 1 "$GEMIS" indicator retire no_such --from 2027
contains "$err" "id: no_such is not an indicator"
expect_fail 1 "$GEMIS" indicator retire si_women --from 1999
contains "$err" "from: 1999 is not a year from 2000 to 2100"
expect_fail 1 "$GEMIS" indicator retire si_women --from 2101
contains "$err" "from: 2101"
expect_fail 1 "$GEMIS" indicator retire si_women --from 2025
contains "$err" "from: 4 values of si_women are stored for 2025 or later (the last for 2026): retire it from 2027"
expect_fail 1 "$GEMIS" indicator retire si_women__area_urban --from 2027
contains "$err" "id: si_women__area_urban is a category series"
expect_fail 1 "$GEMIS" indicator retire si_women --from 2027 --as binhlu.kinhte
contains "$err" "ministry"
expect_fail 1 "$GEMIS" indicator retire si_women --undo
contains "$err" "id: si_women is not retired"
expect_fail 2 "$GEMIS" indicator retire si_women
expect_fail 2 "$GEMIS" indicator retire si_women --from 2027 --undo
expect_fail 2 "$GEMIS" indicator retire si_women --from soon
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicator_log")" = "$logs" ] || die "a refused retirement was logged"
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicators WHERE retired_from IS NOT NULL")" = 0 ] \
	|| die "a refused retirement was written"

# a server that runs before the retirement
expect_ok "$GEMIS" token create binhlu.kinhte
tok=$out
start_server
sign_in admin gemis-demo-2026
http GET /entry/03390/kinhte/2027
expect_status 200
contains "$body" "$name_vi"

expect_ok "$GEMIS" indicator retire si_women --from 2027 --as bo.noivu
contains "$out" "retired from 2027"
[ "$(sql gemis.db "SELECT action || ' ' || COALESCE(CAST(year AS TEXT), '') || ' ' || changed_by FROM indicator_log WHERE indicator = 'si_women' ORDER BY id")" \
	= "$(printf 'add  bo.noivu\nretire 2027 bo.noivu')" ] || die "the log: $(sql gemis.db "SELECT * FROM indicator_log")"
expect_ok "$GEMIS" indicators --json
[ "$(printf '%s' "$out" | jq -c '[.[] | select(.id | startswith("si_women")) | .retired_from]')" = "[2027,2027,2027]" ] \
	|| die "the series retire with their indicator: $out"
[ "$(printf '%s' "$out" | jq -c '[.[] | select(.id == "female_key_leaders") | .retired_from]')" = "[null]" ] \
	|| die "another indicator retired"
expect_ok "$GEMIS" indicator show si_women --json
[ "$(printf '%s' "$out" | jq -c '[.retired_from, .series, [.log[] | .action], .log[1].by, .kind, .by_sex]')" \
	= '[2027,["si_women__area_urban","si_women__area_rural"],["add","retire"],"bo.noivu","ratio",true]' ] \
	|| die "indicator show: $out"
expect_ok "$GEMIS" indicator show si_women
contains "$out" "retired_from     2027"
expect_fail 1 "$GEMIS" indicator retire si_women --from 2027
contains "$err" "from: si_women is already retired from 2027"

# the running server leaves it off the form of 2027 at its next refresh,
# keeps it on 2026's, and its page says since when
n=0
while :; do
	http GET /entry/03390/kinhte/2027
	[ "$status" = 200 ] && ! printf '%s' "$body" | grep -q "$name_vi" && break
	n=$((n + 1))
	[ $n -lt 100 ] || die "the running server still shows the retired indicator on the form of 2027"
	sleep 0.1
done
http GET /entry/03390/kinhte/2026
expect_status 200
contains "$body" "$name_vi"
http GET "/indicator/si_women?unit=03390&year=2026"
expect_status 200
contains "$body" "2027"
contains "$body" 'class="retired"'
http GET /api/v1/submissions/03390/kinhte/2027 -H "Authorization: Bearer $tok"
expect_status 200
[ "$(jq '[.fields[] | select(.indicator | startswith("si_women"))] | length' body.txt)" = 0 ] || die "the API form of 2027"
http GET /api/v1/submissions/03390/kinhte/2026 -H "Authorization: Bearer $tok"
[ "$(jq '[.fields[] | select(.indicator == "si_women")] | length' body.txt)" = 4 ] || die "the API form of 2026"
stop_server

# a value of 2027 is refused with its line, its series' too; 2026's are taken
printf 'unit,period,indicator,part,sex,value\n03390,2026,si_women,num,F,12\n03390,2027,si_women,num,F,11\n03390,2028,si_women__area_rural,num,M,3\n' >late.csv
expect_fail 1 "$GEMIS" values import late.csv
contains "$err" "late.csv:3: indicator: si_women is retired from 2027"
contains "$err" "late.csv:4: indicator: si_women__area_rural is retired from 2027"
[ "$(sql gemis.db "SELECT COUNT(*) FROM datavalues WHERE indicator LIKE 'si_women%' AND year >= 2027")" = 0 ] \
	|| die "a value of a retired year was written"
expect_ok "$GEMIS" values import si.csv
# its template of 2027 is the other indicators', 2026's has it
expect_ok "$GEMIS" progress --unit 03390 --year 2026 --json
[ "$(printf '%s' "$out" | jq -r '.indicators[] | select(.indicator == "si_women") | .value')" = 20 ] \
	|| die "its value before the retirement"
# in 2027 it was not owed: not "not reported"
expect_ok "$GEMIS" progress --unit 03390 --year 2027 --json
[ "$(printf '%s' "$out" | jq -r '.indicators[] | select(.indicator == "si_women") | .status')" = no_data ] \
	|| die "a retired indicator judged not reported: $out"
expect_ok "$GEMIS" report --unit 03390 --year 2026 --format html -o r2026.html --lang en
grep -q "Working women with social insurance" r2026.html || die "not in the report of 2026"
expect_ok "$GEMIS" report --unit 03390 --year 2027 --format html -o r2027.html --lang en
! grep -q "Working women with social insurance" r2027.html || die "in the report of 2027"

# a plan's target on it for a retired year: stored, with a warning naming it
sed 's/9\/KH-UBND/10\/KH-UBND/' amend.json >amend2.json
expect_ok "$GEMIS" plan load amend2.json
contains "$err" "WARNING"
contains "$err" "targets[0]: Working women with social insurance is retired from 2027: its target for 2030"

# a built-in indicator: retired across the catalog sync of each start
expect_ok "$GEMIS" indicator retire female_key_leaders --from 2027 --as bo.noivu
expect_ok "$GEMIS" indicators
contains "$out" "(retired from 2027)"
[ "$(sql gemis.db "SELECT builtin || ' ' || retired_from FROM indicators WHERE id = 'female_key_leaders'")" = "1 2027" ] \
	|| die "the built-in row"
expect_ok "$GEMIS" token create binhlu.vhxh
vhxh=$out
start_server
http GET /api/v1/submissions/03390/vhxh/2027 -H "Authorization: Bearer $vhxh"
expect_status 200
[ "$(jq '[.fields[] | select(.indicator == "female_key_leaders")] | length' body.txt)" = 0 ] || die "a retired built-in on the form"
http GET /api/v1/submissions/03390/vhxh/2026 -H "Authorization: Bearer $vhxh"
[ "$(jq '[.fields[] | select(.indicator == "female_key_leaders")] | length' body.txt)" -gt 0 ] || die "the built-in left 2026's form"

# the web's review of a plan with such a target says so before it is applied,
# in words (not the JSON path), as `gemis plan load` does
sed 's/9\/KH-UBND/11\/KH-UBND/' amend.json >amend3.json
export JAR=commune.txt
sign_in binhlu gemis-demo-2026
http GET /lang/en?next=/
http GET /plan/03390
csrf=$(csrf_of)
http POST /plan/03390/upload -F "csrf=$csrf" -F "file=@amend3.json;type=application/json"
expect_status 303
http GET "$(header Location)"
expect_status 200
contains "$body" "Targets on retired indicators"
contains "$body" "Working women with social insurance is retired from 2027: its target for 2030 is stored as signed"
! printf '%s' "$body" | grep -q "targets\[0\]" || die "the review names the JSON path"
unset JAR

# undone: in force again, logged, a value of 2027 taken, back on the form
expect_ok "$GEMIS" indicator retire si_women --undo --as bo.noivu
[ "$(sql gemis.db "SELECT action || ' ' || changed_by FROM indicator_log WHERE indicator = 'si_women' ORDER BY id DESC LIMIT 1")" \
	= "unretire bo.noivu" ] || die "the undo is not logged"
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicators WHERE retired_from IS NOT NULL AND id LIKE 'si_women%'")" = 0 ] \
	|| die "still retired"
n=0
while :; do
	http GET /api/v1/submissions/03390/kinhte/2027 -H "Authorization: Bearer $tok"
	[ "$(jq '[.fields[] | select(.indicator == "si_women")] | length' body.txt)" = 4 ] && break
	n=$((n + 1))
	[ $n -lt 100 ] || die "the running server does not show the indicator put back"
	sleep 0.1
done
stop_server
printf 'unit,period,indicator,part,sex,value\n03390,2027,si_women,num,F,11\n03390,2027,si_women,den,F,100\n' >y2027.csv
expect_ok "$GEMIS" values import y2027.csv
expect_ok "$GEMIS" indicator show si_women --json
[ "$(printf '%s' "$out" | jq -c '[.retired_from, [.log[] | .action]]')" = '[null,["add","retire","unretire"]]' ] \
	|| die "indicator show after the undo: $out"
