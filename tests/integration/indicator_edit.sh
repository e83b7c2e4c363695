# Editing an indicator (issue 17): `gemis indicator edit ID` refuses an
# unknown id, a built-in (version 1 is frozen), a series, an account that
# may not change the catalog, a field it does not take and a result the
# catalog refuses, naming the field and writing nothing; a field that
# changes what stored numbers mean is refused once values are stored,
# saying how many, with nothing changed, and taken while none are.  Names
# change at any time: the catalog, the progress, the yearly report and a
# running server (at its next refresh) show the new ones, the series'
# names follow, the version rises and the log says what changed.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
export GEMIS_LANG=en
old_en="Working women with social insurance"
new_en="Insured working women"
new_vi="Lao động nữ có bảo hiểm xã hội"
expect_ok "$GEMIS" indicator add --id si_women --goal economy --name-vi "Tỷ lệ lao động nữ tham gia bảo hiểm xã hội" \
	--name-en "$old_en" --part-vi "Số lao động tham gia bảo hiểm xã hội" --part-en "Workers insured" \
	--den-vi "Tổng số lao động" --den-en "Workers" --by-sex --share --target at_least:45:2030 --as bo.noivu
expect_ok "$GEMIS" indicator breakdown si_women area --as bo.noivu
expect_ok "$GEMIS" indicator add --id lc_x --goal family --name-vi "Số câu lạc bộ gia đình" \
	--name-en "Family clubs" --part-vi "Số câu lạc bộ" --part-en "Clubs" --den-vi "Số xã" --den-en "Communes"
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
cat >si.csv <<'CSV'
unit,period,indicator,part,sex,value
03390,2025,si_women__area_rural,num,F,2
03390,2025,si_women__area_rural,den,F,10
03390,2026,si_women,num,F,10
03390,2026,si_women,den,F,100
03390,2026,si_women,num,M,30
03390,2026,si_women,den,M,100
CSV
expect_ok "$GEMIS" values import si.csv

# refusals name the field and write nothing
logs=$(sql gemis.db "SELECT COUNT(*) FROM indicator_log")
state() { sql gemis.db "SELECT id || ' ' || version || ' ' || name_en || ' ' || factor || ' ' || by_sex || ' ' || kind FROM indicators WHERE builtin = 0 OR id = 'female_key_leaders' ORDER BY id"; }
before=$(state)
expect_fail 1 "$GEMIS" indicator edit no_such --name-en "X"
contains "$err" "id: no_such is not an indicator"
expect_fail 1 "$GEMIS" indicator edit female_key_leaders --name-en "Women leaders"
contains "$err" "id: female_key_leaders is one of the national strategy's indicators: its version 1 is frozen; retire it and add another"
expect_fail 1 "$GEMIS" indicator edit si_women__area_urban --name-en "Urban"
contains "$err" "id: si_women__area_urban is a category series: its fields are its indicator's; edit si_women instead"
expect_fail 1 "$GEMIS" indicator edit si_women --name-en "$new_en" --as binhlu.kinhte
contains "$err" "ministry"
expect_fail 1 "$GEMIS" indicator edit si_women
contains "$err" "id: no field to change was given"
expect_fail 1 "$GEMIS" indicator edit si_women --id si_men
contains "$err" "id: an indicator's id never changes"
expect_fail 1 "$GEMIS" indicator edit si_women --goal sports
contains "$err" "goal: not a value it takes: 'sports'"
expect_fail 1 "$GEMIS" indicator edit si_women --name-vi "   "
contains "$err" "name_vi:"
expect_fail 1 "$GEMIS" indicator edit si_women --name-en "$old_en"
contains "$err" "id: the fields given change nothing of si_women"
expect_fail 1 "$GEMIS" indicator edit si_women --target at_least:abc:2030
contains "$err" "target:"
# the catalog's rules hold for the result: a share is a ratio's
expect_fail 1 "$GEMIS" indicator edit lc_x --share 1 --kind value --unit count --factor 1
contains "$err" "share: only a ratio is a share of a whole"
# a field that changes what the stored numbers mean, its series' numbers too
expect_fail 1 "$GEMIS" indicator edit si_women --factor 1000
contains "$err" "factor: 6 values of si_women are stored (2025-2026): its factor cannot change; retire it and add another"
expect_fail 1 "$GEMIS" indicator edit si_women --by-sex 0 --name-en "$new_en"
contains "$err" "by_sex: 6 values of si_women are stored"
expect_fail 1 "$GEMIS" indicator edit si_women --kind value --unit count --factor 1 --share 0
contains "$err" "kind: 6 values"
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicator_log")" = "$logs" ] || die "a refused edit was logged"
[ "$(state)" = "$before" ] || die "a refused edit was written: $(state)"

# a running server, before the edit
start_server
sign_in admin gemis-demo-2026
http GET /catalog
expect_status 200
contains "$body" "Tỷ lệ lao động nữ tham gia bảo hiểm xã hội"

# names, polarity and the target change with values stored
expect_ok "$GEMIS" indicator edit si_women --name-en "$new_en" --name-vi "$new_vi" --target at_least:50:2030 \
	--part-en "Insured workers" --as bo.noivu
contains "$out" "version 2"
expect_ok "$GEMIS" indicators --json
[ "$(printf '%s' "$out" | jq -r '.[] | select(.id == "si_women") | "\(.name_en)|\(.name_vi)"')" \
	= "$new_en|$new_vi" ] || die "indicators --json: $out"
[ "$(printf '%s' "$out" | jq -r '.[] | select(.id == "si_women__area_urban") | .name_en')" = "$new_en — Urban" ] \
	|| die "the series' name does not follow: $out"
[ "$(sql gemis.db "SELECT name_vi FROM indicators WHERE id = 'si_women__area_rural'")" = "$new_vi — Nông thôn" ] \
	|| die "the series' row"
expect_ok "$GEMIS" indicator show si_women --json
[ "$(printf '%s' "$out" | jq -c '[.version, [.log[] | .action], .log[-1].by, .log[-1].version, .national_target.value]')" \
	= '[2,["add","edit"],"bo.noivu",2,50]' ] || die "indicator show: $out"
changes=$(printf '%s' "$out" | jq -r '.log[-1].changes')
contains "$changes" "name_en: $old_en -> $new_en"
contains "$changes" "target: at_least:45:2030 -> at_least:50:2030"
contains "$changes" "part_en: Workers insured -> Insured workers"
not_contains "$changes" "factor"
expect_ok "$GEMIS" indicator show si_women
contains "$out" "version          2"
expect_ok "$GEMIS" indicator show si_women__area_urban --json
[ "$(printf '%s' "$out" | jq -c '[.version, [.log[] | .action]]')" = '[2,["add","edit"]]' ] \
	|| die "the series' version and log: $out"
expect_ok "$GEMIS" progress --unit 03390 --year 2026
contains "$out" "$new_en"
not_contains "$out" "$old_en"
expect_ok "$GEMIS" report --unit 03390 --year 2026 --format html -o r2026.html --lang en
grep -q "$new_en" r2026.html || die "the report does not show the new name"
! grep -q "$old_en" r2026.html || die "the report shows the old name"

# the running server shows the new name at its next refresh
n=0
while :; do
	http GET /catalog
	[ "$status" = 200 ] && printf '%s' "$body" | grep -q "$new_vi" && break
	n=$((n + 1))
	[ $n -lt 100 ] || die "the running server still shows the old name"
	sleep 0.1
done
stop_server

# no value stored: its structure may change, logged
expect_ok "$GEMIS" indicator edit lc_x --kind value --unit count --factor 1 --lower-better 1 --as bo.noivu
expect_ok "$GEMIS" indicator show lc_x --json
[ "$(printf '%s' "$out" | jq -c '[.version, .kind, .factor, .polarity, (.parts | length)]')" = '[2,"value",1,"lower",1]' ] \
	|| die "lc_x after the edit: $out"
contains "$(printf '%s' "$out" | jq -r '.log[-1].changes')" "den_en: Communes -> -"
expect_ok "$GEMIS" indicator edit lc_x --name-en "Family clubs of the commune"
expect_ok "$GEMIS" indicator show lc_x --json
[ "$(printf '%s' "$out" | jq -c '[.version, [.log[] | .action]]')" = '[3,["add","edit","edit"]]' ] \
	|| die "the third version: $out"
# a value of its new kind is taken
printf 'unit,period,indicator,part,sex,value\n03390,2026,lc_x,value,T,4\n' >lc.csv
expect_ok "$GEMIS" values import lc.csv

# a province edits its own, not the nation's; its own takes no national target
expect_ok "$GEMIS" indicator add --id lc_prov --goal family --name-vi "Số câu lạc bộ của tỉnh" --name-en "Province clubs" \
	--kind value --part-vi "Số câu lạc bộ" --part-en "Clubs" --scope 12 --as laichau
expect_fail 1 "$GEMIS" indicator edit si_women --name-en "Women insured" --as laichau
contains "$err" "province"
expect_fail 1 "$GEMIS" indicator edit lc_prov --target at_least:40:2030 --as laichau
contains "$err" "national_direction: a province's own indicator has no national target"
expect_ok "$GEMIS" indicator edit lc_prov --name-en "Clubs of the province" --as laichau
[ "$(sql gemis.db "SELECT version || ' ' || name_en || ' ' || scope_unit FROM indicators WHERE id = 'lc_prov'")" \
	= "2 Clubs of the province 12" ] || die "the province's edit of its own"
