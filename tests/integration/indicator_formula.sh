# An indicator computed from others (issue 17, docs/indicators.md
# "Indicators as formulas"): added with `gemis indicator add --formula`,
# refused with the field named (and nothing written) when its formula is
# wrong or refers to itself; computed at a commune and rolled up as the
# formula of the province's rolled-up parts, judged against a plan's
# target; never reported: a value of it is refused by line, and no form
# has a box for it.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
export GEMIS_LANG=en
n0=$(sql gemis.db "SELECT COUNT(*) FROM indicators WHERE builtin = 0")
count() {
	"$GEMIS" indicator add --goal economy --kind value --name-vi "Số hộ $1" --name-en "Households $1" \
		--part-vi "Số hộ" --part-en "Households" --id "$@"
}
share() {
	"$GEMIS" indicator add --goal economy --name-vi "Tỷ lệ hộ do phụ nữ làm chủ" \
		--name-en "Households headed by women" --part-vi "Số hộ do phụ nữ làm chủ" \
		--part-en "Headed by women" --den-vi "Tổng số hộ" --den-en "Households" "$@"
}
expect_ok count lc_hh_women
expect_ok count lc_hh_men
expect_ok count lc_hh_avg --space mean

# bad formulas name the field, and write nothing
expect_fail 1 share --id lc_hh_share --formula "lc_hh_share.value / lc_hh_men.value"
contains "$err" "formula: lc_hh_share refers to itself (lc_hh_share -> lc_hh_share)"
expect_fail 1 share --id lc_hh_share --formula "lc_hh_women.value / (lc_hh_women.value + lc_hh_men.value"
contains "$err" "formula: at character 57"
expect_fail 1 share --id lc_hh_share --formula "lc_hh_women.value / lc_nobody.value"
contains "$err" "lc_nobody is not an indicator"
expect_fail 1 share --id lc_hh_share --formula "lc_hh_women.num / lc_hh_men.value"
contains "$err" "lc_hh_women has no part num"
expect_fail 1 share --id lc_hh_share --formula "lc_hh_women.value / lc_hh_avg.value"
contains "$err" "not summed over units"
expect_fail 1 share --id lc_hh_share --formula "lc_hh_women.value + lc_hh_men.value"
contains "$err" "SUM / SUM"
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicators WHERE builtin = 0")" = $((n0 + 3)) ] || die "a refused formula was written"
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicator_log WHERE indicator = 'lc_hh_share'")" = 0 ] || die "a refused formula was logged"

expect_ok share --id lc_hh_share --formula "lc_hh_women.value / (lc_hh_women.value + lc_hh_men.value)"
expect_ok "$GEMIS" indicator show lc_hh_share --json
[ "$(printf '%s' "$out" | jq -r .formula)" = "lc_hh_women.value / (lc_hh_women.value + lc_hh_men.value)" ] \
	|| die "the formula is not shown: $out"

# a plan sets a target on it, and assigns it (with a component) to an agency
cat >amend.json <<'JSON'
{"document": {"number": "9/KH-UBND", "date": "2026-07-01", "period": [2026, 2030],
  "title": "Bổ sung chỉ tiêu hộ do phụ nữ làm chủ",
  "unit": {"level": "commune", "name": "Bình Lư", "code": "03390"},
  "amends": {"number": "645/KH-UBND", "date": "2026-04-10"}},
 "targets": [{"indicator": "lc_hh_share", "value": 40, "direction": "at_least", "year": 2030}],
 "aims": [], "agencies": ["kinhte"], "assignments": {"kinhte": ["lc_hh_women", "lc_hh_share"]},
 "deadline": {"day": 30, "month": 11, "year": null, "to": "vhxh"}, "lint": []}
JSON
expect_ok "$GEMIS" plan load amend.json

# two communes of Lai Châu report the components
cat >hh.csv <<'CSV'
unit,period,indicator,part,sex,value
03390,2026,lc_hh_women,value,T,30
03390,2026,lc_hh_men,value,T,70
03394,2026,lc_hh_women,value,T,10
03394,2026,lc_hh_men,value,T,90
CSV
expect_ok "$GEMIS" values import hh.csv
expect_ok "$GEMIS" progress --unit 03390 --year 2026 --json
row=$(printf '%s' "$out" | jq -c '.indicators[] | select(.indicator == "lc_hh_share")')
[ "$(printf '%s' "$row" | jq -r '"\(.numerator) \(.denominator) \(.value)"')" = "30 100 30" ] || die "the commune's value: $row"
[ "$(printf '%s' "$row" | jq -r .target.value)" = 40 ] || die "the plan's target: $row"
[ "$(printf '%s' "$row" | jq -r .status)" != no_target ] || die "not judged: $row"
expect_ok "$GEMIS" progress --unit 12 --year 2026 --json
row=$(printf '%s' "$out" | jq -c '.indicators[] | select(.indicator == "lc_hh_share")')
# (30 + 10) / (100 + 100): the formula of the rolled-up parts
[ "$(printf '%s' "$row" | jq -r '"\(.numerator) \(.denominator) \(.value)"')" = "40 200 20" ] || die "the province's value: $row"
[ "$(printf '%s' "$row" | jq -r .reporting.units)" = 2 ] || die "the province's reporting: $row"

# a value of it is refused by line, and nothing of the file is stored
n=$(sql gemis.db "SELECT COUNT(*) FROM datavalues")
cat >bad.csv <<'CSV'
unit,period,indicator,part,sex,value
03390,2026,lc_hh_women,value,T,31
03390,2026,lc_hh_share,num,T,30
CSV
expect_fail 1 "$GEMIS" values import bad.csv
contains "$err" "bad.csv:3: indicator: lc_hh_share is computed from its formula: no value is taken"
[ "$(sql gemis.db "SELECT COUNT(*) FROM datavalues")" = "$n" ] || die "values of a refused file were stored"

# the agency's form has boxes for the component, none for the formula
expect_ok "$GEMIS" token create binhlu.kinhte
tok=$out
start_server
http GET /api/v1/submissions/03390/kinhte/2026 -H "Authorization: Bearer $tok"
expect_status 200
[ "$(jq '[.fields[] | select(.indicator == "lc_hh_women")] | length' body.txt)" -gt 0 ] || die "no box for the component: $body"
[ "$(jq '[.fields[] | select(.indicator == "lc_hh_share")] | length' body.txt)" = 0 ] || die "a box for the formula: $body"
# the catalog page shows the formula
JAR=focal.jar sign_in binhlu gemis-demo-2026
JAR=focal.jar http GET /lang/en?next=/
JAR=focal.jar http GET /catalog
expect_status 200
contains "$body" 'computed from its formula, not reported: <code translate="no">lc_hh_women.value / (lc_hh_women.value + lc_hh_men.value)</code>'
stop_server

# an optional catalog carries a formula over indicators already there; a
# bad one names its entry and the field, and adds nothing of the file
cat >cat.json <<'JSON'
{"name": "Hộ gia đình", "source": "test",
 "indicators": [
  {"id": "lc_hh_all", "goal": "economy", "name_vi": "Tổng số hộ", "name_en": "All households",
   "part_vi": "Số hộ", "part_en": "Households", "kind": "value",
   "formula": "lc_hh_women.value + lc_hh_men.value"},
  {"id": "lc_hh_gap", "goal": "economy", "name_vi": "Chênh lệch", "name_en": "Gap",
   "part_vi": "Số hộ", "part_en": "Households", "kind": "value",
   "formula": "lc_hh_men.value - lc_hh_women.value"}]}
JSON
n=$(sql gemis.db "SELECT COUNT(*) FROM indicators")
jq '.indicators[1].formula = "lc_hh_men.value - lc_hh_gap.value"' cat.json >bad.json
expect_fail 1 "$GEMIS" catalog load bad.json
contains "$err" "bad.json: indicators[1].formula: lc_hh_gap refers to itself"
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicators")" = "$n" ] || die "a refused catalog was written"
expect_ok "$GEMIS" catalog load cat.json
expect_ok "$GEMIS" progress --unit 12 --year 2026 --json
[ "$(printf '%s' "$out" | jq -r '.indicators[] | select(.indicator == "lc_hh_gap") | .value')" = 120 ] \
	|| die "the loaded formula's value: $out"
