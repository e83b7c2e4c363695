# A province's own indicators and optional catalogs (issue 17): a province
# account adds an indicator for itself only, scoped; it is owed, planned,
# reported and listed in that province and refused, with the field named,
# outside it; its series share its scope.  `gemis catalog load` adds an
# optional catalog all or nothing, names the entry and field of a bad one,
# and says so when the catalog is loaded already.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
export GEMIS_LANG=en
n0=$(sql gemis.db "SELECT COUNT(*) FROM indicators WHERE builtin = 0")
add() {
	"$GEMIS" indicator add --goal economy --name-vi "Tỷ lệ hộ kinh doanh do nữ làm chủ" \
		--name-en "Household businesses headed by women" \
		--part-vi "Số hộ kinh doanh do nữ làm chủ" --part-en "Businesses headed by women" \
		--den-vi "Tổng số hộ kinh doanh" --den-en "Household businesses" "$@"
}

# Lai Châu (12) may not add for another province, nor a national one; a
# commune's focal point not at all; a scope is a province
expect_fail 1 add --id lc_women_biz --scope 01 --as laichau
contains "$err" "itself only"
expect_fail 1 add --id lc_women_biz --as laichau
contains "$err" "--scope"
expect_fail 1 add --id lc_women_biz --scope 12 --as binhlu
contains "$err" "ministry"
expect_fail 1 add --id lc_women_biz --scope 03390
contains "$err" "not a province"
expect_fail 1 add --id lc_women_biz --scope 99
contains "$err" "not a unit code"
expect_fail 1 add --id lc_women_biz --scope 12 --as laichau --target at_least:40:2030
contains "$err" "national target"
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicators WHERE builtin = 0")" = "$n0" ] || die "a refused indicator was written"

# it adds its own
expect_ok add --id lc_women_biz --scope 12 --as laichau
[ "$(sql gemis.db "SELECT scope_unit || ' ' || added_by FROM indicators WHERE id = 'lc_women_biz'")" = "12 laichau" ] \
	|| die "the scope is not stored"

# listed in the province and its communes, not elsewhere nor nationally
for u in 12 03390; do
	expect_ok "$GEMIS" indicators --unit $u --json
	[ "$(printf '%s' "$out" | jq -r '.[] | select(.id == "lc_women_biz") | .scope')" = 12 ] || die "not listed at $u"
done
for u in 01 00004 VN; do
	expect_ok "$GEMIS" indicators --unit $u
	not_contains "$out" "lc_women_biz"
done
expect_ok "$GEMIS" indicators
not_contains "$out" "lc_women_biz"
expect_fail 2 "$GEMIS" indicators --unit 99999
contains "$err" "--unit"

# its series are its province's too
expect_ok "$GEMIS" indicator breakdown lc_women_biz area
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicators WHERE parent = 'lc_women_biz' AND scope_unit = '12'")" = 2 ] \
	|| die "the series do not inherit the scope"
expect_ok "$GEMIS" indicators --unit 00004
not_contains "$out" "lc_women_biz"
expect_ok "$GEMIS" indicators --unit 03394
contains "$out" "lc_women_biz__area_rural"

# a commune of Lai Châu plans it; Ba Đình (Hà Nội) is refused by field
plan() {
	cat >"p$1.json" <<JSON
{"document": {"number": "1/KH-UBND", "date": "2026-03-01", "period": [2026, 2030],
  "title": "Kế hoạch bình đẳng giới", "unit": {"level": "commune", "name": "$2", "code": "$1"}},
 "targets": [{"indicator": "lc_women_biz", "value": 40, "direction": "at_least", "year": 2030}],
 "aims": [], "agencies": ["kinhte"], "assignments": {"kinhte": ["lc_women_biz"]},
 "deadline": {"day": 30, "month": 11, "year": null, "to": "vhxh"}, "lint": []}
JSON
}
plan 03394 "Sin Suối Hồ"
expect_ok "$GEMIS" plan load p03394.json
contains "$out" "Stored the plan"
plan 00004 "Ba Đình"
expect_fail 1 "$GEMIS" plan load p00004.json
contains "$err" "targets[0].indicator: lc_women_biz belongs to province 12"
contains "$err" "assignments.kinhte[0]: lc_women_biz belongs to province 12"
[ "$(sql gemis.db "SELECT COUNT(*) FROM plans p JOIN units u ON u.id = p.unit_id WHERE u.code = '00004'")" = 0 ] \
	|| die "the refused plan was stored"

# the commune's economic office has its boxes on the form
expect_ok "$GEMIS" token create admin
tok=$out
start_server
http GET /api/v1/submissions/03394/kinhte/2026 -H "Authorization: Bearer $tok"
expect_status 200
[ "$(jq '[.fields[] | select(.indicator == "lc_women_biz")] | length' body.txt)" = 2 ] || die "no form boxes: $body"
# the API lists it where the commune sees it, not at the nation
http GET "/api/v1/indicators?unit=03394" -H "Authorization: Bearer $tok"
expect_status 200
[ "$(jq -r '.indicators[] | select(.id == "lc_women_biz") | .scope' body.txt)" = 12 ] || die "the API at 03394: $body"
http GET "/api/v1/indicators" -H "Authorization: Bearer $tok"
expect_status 200
[ "$(jq '[.indicators[] | select(.id == "lc_women_biz")] | length' body.txt)" = 0 ] || die "the API at the nation lists it"
http GET "/api/v1/indicators?unit=01" -H "Authorization: Bearer $tok"
[ "$(jq '[.indicators[] | select(.id == "lc_women_biz")] | length' body.txt)" = 0 ] || die "the API in Hà Nội lists it"
# the API's progress lists it in the province, not at the nation nor in
# Hà Nội (its values still roll up in the engine)
http GET "/api/v1/progress?unit=12&year=2026" -H "Authorization: Bearer $tok"
expect_status 200
[ "$(jq '[.indicators[] | select(.indicator == "lc_women_biz")] | length' body.txt)" = 1 ] || die "the progress of 12 misses it"
for u in VN 01; do
	http GET "/api/v1/progress?unit=$u&year=2026" -H "Authorization: Bearer $tok"
	expect_status 200
	[ "$(jq '[.indicators[] | select(.indicator == "lc_women_biz")] | length' body.txt)" = 0 ] \
		|| die "the progress of $u lists it"
done
# the web: the dashboard, the indicator page (404 outside: it does not
# exist there), the province's map picker, the pickers of duties and of
# ad hoc requests list it in the province only
JAR=min.jar sign_in bo.noivu gemis-demo-2026
JAR=lc.jar sign_in laichau gemis-demo-2026
JAR=adm.jar sign_in admin gemis-demo-2026
for u in VN 01; do
	JAR=min.jar http GET "/?unit=$u"
	expect_status 200
	not_contains "$body" "lc_women_biz" "the dashboard of $u"
	JAR=min.jar http GET "/indicator/lc_women_biz?unit=$u"
	expect_status 404
done
JAR=min.jar http GET "/?unit=03394"
contains "$body" "/indicator/lc_women_biz?"
JAR=min.jar http GET "/indicator/lc_women_biz?unit=12"
expect_status 200
# compared with the province, not with the nation, where it does not exist
JAR=min.jar http GET "/indicator/lc_women_biz?unit=03394"
expect_status 200
contains "$body" 'href="/indicator/lc_women_biz?unit=12&amp;'
not_contains "$body" "lc_women_biz?unit=VN" "the comparison line of 03394"
JAR=min.jar http GET "/province/01"
expect_status 200
not_contains "$body" "lc_women_biz" "Hà Nội's grid and map picker"
JAR=min.jar http GET "/province/12"
contains "$body" 'value="lc_women_biz"'
JAR=min.jar http GET "/adhoc?unit=VN"
expect_status 200
contains "$body" 'name="i_female_key_leaders"'
not_contains "$body" 'name="i_lc_women_biz"' "the ministry's ad hoc picker"
JAR=lc.jar http GET "/adhoc?unit=12"
contains "$body" 'name="i_lc_women_biz"'
JAR=adm.jar http GET "/plan/09385"
expect_status 200
contains "$body" 'name="a_'
not_contains "$body" "_lc_women_biz\"" "the duties picker of a plan outside"
JAR=adm.jar http GET "/plan/03394"
contains "$body" "_lc_women_biz\""
stop_server

# values inside are taken; outside, refused naming the line and field
cat >in.csv <<'CSV'
unit,period,indicator,part,sex,value
03394,2026,lc_women_biz,num,T,30
03394,2026,lc_women_biz,den,T,100
CSV
expect_ok "$GEMIS" values import in.csv
cat >out.csv <<'CSV'
unit,period,indicator,part,sex,value
00004,2026,lc_women_biz,num,T,3
00004,2026,lc_women_biz,den,T,10
CSV
expect_fail 1 "$GEMIS" values import out.csv
contains "$err" "out.csv:2: unit: lc_women_biz belongs to province 12"
[ "$(sql gemis.db "SELECT COUNT(*) FROM datavalues WHERE indicator = 'lc_women_biz'")" = 2 ] || die "values outside were stored"

# gemis progress and the SDMX structure's code list: in the province, not
# outside it
expect_ok "$GEMIS" progress --unit 12 --year 2026 --json
[ "$(printf '%s' "$out" | jq '[.indicators[] | select(.indicator == "lc_women_biz")] | length')" = 1 ] \
	|| die "gemis progress at 12 misses it"
for u in VN 01; do
	expect_ok "$GEMIS" progress --unit $u --year 2026
	not_contains "$out" "Household businesses headed by women" "gemis progress at $u"
done
expect_ok "$GEMIS" values export --unit 12 --format sdmx-structure -o s12.xml
grep -q 'id="lc_women_biz"' s12.xml || die "not in Lai Châu's SDMX code list"
expect_ok "$GEMIS" values export --unit 01 --format sdmx-structure -o s01.xml
grep -q 'id="female_key_leaders"' s01.xml || die "no code list in Hà Nội's SDMX structure"
! grep -q 'id="lc_women_biz"' s01.xml || die "in Hà Nội's SDMX code list"

# Lai Châu retires its own, not a national one nor another province's; a
# commune's focal point nothing
expect_ok "$GEMIS" indicator add --id hn_coops --goal economy --kind value --unit count --scope 01 \
	--name-vi "Số hợp tác xã" --name-en "Cooperatives" --part-vi "Số hợp tác xã" --part-en "Cooperatives"
expect_fail 1 "$GEMIS" indicator retire hn_coops --from 2031 --as laichau
contains "$err" "not another province's"
expect_fail 1 "$GEMIS" indicator retire female_key_leaders --from 2031 --as laichau
contains "$err" "not a national one"
expect_fail 1 "$GEMIS" indicator retire lc_women_biz --from 2031 --as binhlu
contains "$err" "ministry"
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicators WHERE retired_from IS NOT NULL")" = 0 ] || die "a refused retirement was written"
expect_ok "$GEMIS" indicator retire lc_women_biz --from 2031 --as laichau
[ "$(sql gemis.db "SELECT retired_from FROM indicators WHERE id = 'lc_women_biz'")" = 2031 ] || die "not retired by Lai Châu"
expect_ok "$GEMIS" indicator retire lc_women_biz --undo --as laichau

# the yearly report: Lai Châu's has the line, the nation's not
expect_ok "$GEMIS" report --unit 12 --year 2026 --format html -o r12.html --lang en
grep -q "Household businesses headed by women" r12.html || die "not in Lai Châu's report"
expect_ok "$GEMIS" report --unit VN --year 2026 --format html -o rvn.html --lang en
! grep -q "Household businesses headed by women" rvn.html || die "in the national report"

# an optional catalog: one bad entry adds nothing and is named
cat="$ROOT/tests/catalog/example-catalog.json"
n1=$(sql gemis.db "SELECT COUNT(*) FROM indicators WHERE builtin = 0")
jq '.indicators[2].factor = 7' "$cat" >bad.json
expect_fail 1 "$GEMIS" catalog load bad.json --scope 12 --as laichau
contains "$err" "bad.json: indicators[2].factor:"
jq '.indicators[1].colour = "red"' "$cat" >bad.json
expect_fail 1 "$GEMIS" catalog load bad.json
contains "$err" "bad.json: indicators[1].colour:"
jq '.indicators[1].id = "female_key_leaders"' "$cat" >bad.json
expect_fail 1 "$GEMIS" catalog load bad.json
contains "$err" "bad.json: indicators[1].id: female_key_leaders is already"
expect_fail 1 "$GEMIS" catalog load "$cat" --scope 01 --as laichau
contains "$err" "itself only"
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicators WHERE builtin = 0")" = "$n1" ] || die "a refused catalog was written"
# the good file adds all; loading it twice says so and adds nothing
expect_ok "$GEMIS" catalog load "$cat" --scope 12 --as laichau
contains "$out" "3 indicators added"
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicators WHERE id LIKE 'example_%' AND scope_unit = '12'")" = 3 ] \
	|| die "the catalog's indicators"
expect_ok "$GEMIS" catalog load "$cat" --scope 12 --as laichau
contains "$out" "loaded already"
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicators WHERE builtin = 0")" = $((n1 + 3)) ] || die "loaded twice"
# for another place it is a conflict, named
expect_fail 1 "$GEMIS" catalog load "$cat"
contains "$err" "indicators[0].id: example_women_biz_heads is already"
expect_ok "$GEMIS" indicators --unit 03390
contains "$out" "example_trained_mediators"
expect_ok "$GEMIS" indicators --unit 01
not_contains "$out" "example_"
