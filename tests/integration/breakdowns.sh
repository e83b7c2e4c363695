# Breakdowns beyond sex (issue 17): a breakdown's categories may not
# overlap and bad input names its field, writing nothing; an indicator
# broken down gets a series per category, owed by its parent's agencies,
# reported, rolled up and judged like an indicator; Bình Lư's plan keeps
# its ethnic-minority target on primary completion's minority series, not
# on all children; a target on an unknown category is refused by field.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
export GEMIS_LANG=en

# the demo's Bình Lư plan broke primary completion down by ethnic group
expect_ok "$GEMIS" indicators --json
[ "$(printf '%s' "$out" | jq -r '[.[] | select(.parent == "primary_completion") | .category] | sort | join(",")')" = kinh,minority ] \
	|| die "the demo's series of primary completion: $out"
[ "$(sql gemis.db "SELECT t.indicator || ' ' || t.value FROM targets t JOIN plans p ON p.id = t.plan_id
	JOIN units u ON u.id = p.unit_id WHERE u.code = '03390' AND p.superseded_at IS NULL
	AND t.indicator LIKE 'primary_completion%'")" = "primary_completion__ethnicity_minority 99.9" ] \
	|| die "Bình Lư's target is not on the ethnic-minority series"
expect_ok "$GEMIS" progress --unit 03390 --year 2026 --json
row=$(printf '%s' "$out" | jq -c '.indicators[] | select(.indicator == "primary_completion__ethnicity_minority")')
[ "$(printf '%s' "$row" | jq -r .target.value)" = 99.9 ] || die "the series' target: $row"
[ "$(printf '%s' "$out" | jq -r '.indicators[] | select(.indicator == "primary_completion") | .target')" = null ] \
	|| die "the minority's target was put on all children"

# a breakdown: bad input named, nothing written
before=$(sql gemis.db "SELECT COUNT(*) FROM breakdown_categories")
expect_fail 1 "$GEMIS" breakdown add age5 --name-vi "Nhóm tuổi" --name-en "Age" "y:Trẻ:Young:0-20" "o:Già:Old:18-" --as bo.noivu
contains "$err" "categories[2].age: overlaps the age group y"
expect_fail 1 "$GEMIS" breakdown add age5 --name-vi "Nhóm tuổi" --name-en "Age" "y:Trẻ:Young:0-17" "o:Già:Old" --as bo.noivu
contains "$err" "categories[2].age"
expect_fail 1 "$GEMIS" breakdown add kind --name-vi "Loại" --name-en "Kind" "a:A:A" "a:B:B" --as bo.noivu
contains "$err" "categories[2].code: a is already"
expect_fail 1 "$GEMIS" breakdown add ethnicity --name-vi "Dân tộc" --name-en "Ethnic" "a:A:A" "b:B:B" --as bo.noivu
contains "$err" "code: ethnicity is already a breakdown"
expect_fail 1 "$GEMIS" breakdown add sex --name-vi "Giới" --name-en "Sex" "a:A:A" "b:B:B" --as bo.noivu
contains "$err" "code: sex, value, period and comment"
expect_fail 2 "$GEMIS" breakdown add one --name-vi "Một" --name-en "One" "a:A:A" --as bo.noivu
expect_fail 2 "$GEMIS" breakdown add bad --name-vi "X" --name-en "X" "a:A:A:zz" "b:B:B" --as bo.noivu
contains "$err" "categories[1]"
expect_fail 1 "$GEMIS" breakdown add work --name-vi "Việc" --name-en "Work" "a:A:A" "b:B:B" --as binhlu.kinhte
contains "$err" "ministry"
[ "$(sql gemis.db "SELECT COUNT(*) FROM breakdown_categories")" = "$before" ] || die "a refused breakdown was written"

# age groups that do not overlap, with an open end
expect_ok "$GEMIS" breakdown add youth --name-vi "Thanh niên" --name-en "Youth" "t:Vị thành niên:Adolescents:10-15" \
	"y:Thanh niên:Young people:16-30" "o:Trên 30:Over 30:31-" --as bo.noivu
expect_ok "$GEMIS" breakdown list
contains "$out" "Young people"

# breaking down: refused by field, nothing written
n=$(sql gemis.db "SELECT COUNT(*) FROM indicators")
expect_fail 1 "$GEMIS" indicator breakdown primary_completion colour --as bo.noivu
contains "$err" "breakdown: colour is not a breakdown"
expect_fail 1 "$GEMIS" indicator breakdown nothing area --as bo.noivu
contains "$err" "parent: nothing is not an indicator"
expect_fail 1 "$GEMIS" indicator breakdown primary_completion__ethnicity_minority area --as bo.noivu
contains "$err" "not broken down again"
expect_fail 1 "$GEMIS" indicator breakdown dv_victims_supported area --as bo.noivu
contains "$err" "case register"
expect_fail 1 "$GEMIS" indicator breakdown female_wage_workers area --as binhlu.kinhte
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicators")" = "$n" ] || die "a refused breakdown wrote series"
expect_ok "$GEMIS" indicator breakdown primary_completion ethnicity --as bo.noivu
contains "$out" "already broken down"

# the ministry breaks the wage workers down by area: two series, logged
expect_ok "$GEMIS" indicator breakdown female_wage_workers area --as bo.noivu
contains "$out" "2 series added"
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicator_log WHERE indicator LIKE 'female_wage_workers__area_%' AND changed_by = 'bo.noivu'")" = 2 ] \
	|| die "the series are not in the indicator log"
# owed by the parent's agencies: on the culture-social office's form of
# the year, and the minority's on the school's
expect_ok "$GEMIS" token create binhlu.vhxh
tok=$out
expect_ok "$GEMIS" token create binhlu.truonghoc
school=$out
start_server
http GET /api/v1/submissions/03390/vhxh/2026 -H "Authorization: Bearer $tok"
expect_status 200
[ "$(jq '[.fields[] | select(.indicator == "female_wage_workers__area_rural")] | length' body.txt)" -ge 2 ] \
	|| die "the rural series is not on the culture-social office's form: $body"
http GET /api/v1/submissions/03390/truonghoc/2026 -H "Authorization: Bearer $school"
expect_status 200
[ "$(jq '[.fields[] | select(.indicator == "primary_completion__ethnicity_minority")] | length' body.txt)" = 4 ] \
	|| die "the minority series is not on the school's form by sex: $body"
stop_server

# reported in a CSV file by two communes, rolled up to the province
cat >rural.csv <<'CSV'
unit,period,indicator,part,sex,value
03394,2026,female_wage_workers__area_rural,num,T,20
03394,2026,female_wage_workers__area_rural,den,T,100
03390,2026,female_wage_workers__area_rural,num,T,40
03390,2026,female_wage_workers__area_rural,den,T,100
CSV
expect_ok "$GEMIS" values import rural.csv
expect_ok "$GEMIS" progress --unit 12 --year 2026 --json
[ "$(printf '%s' "$out" | jq -r '.indicators[] | select(.indicator == "female_wage_workers__area_rural") | .value')" = 30 ] \
	|| die "the province's rural series: $out"
# a total is the sum of its groups: refused with the line, nothing written;
# checked against the stored total too
cat >groups.csv <<'CSV'
unit,period,indicator,part,sex,value
03394,2027,female_wage_workers,num,T,50
03394,2027,female_wage_workers__area_urban,num,T,20
03394,2027,female_wage_workers__area_rural,num,T,20
CSV
expect_fail 1 "$GEMIS" values import groups.csv
contains "$err" "groups.csv:4: value: the groups (Urban, Rural) add up to 40, not to the total 50 of Female wage workers among employed women (Female wage workers, Total)"
[ "$(sql gemis.db "SELECT COUNT(*) FROM datavalues v JOIN units u ON u.id = v.unit_id WHERE u.code = '03394' AND v.period = '2027'")" = 0 ] \
	|| die "a refused batch of groups was written"
sed -i 's/__area_urban,num,T,20/__area_urban,num,T,30/' groups.csv
expect_ok "$GEMIS" values import groups.csv
printf 'unit,period,indicator,part,sex,value\n03394,2027,female_wage_workers__area_rural,den,T,70\n03394,2027,female_wage_workers__area_urban,den,T,40\n' >dens.csv
expect_ok "$GEMIS" values import dens.csv
printf 'unit,period,indicator,part,sex,value\n03394,2027,female_wage_workers,den,T,100\n' >den.csv
expect_fail 1 "$GEMIS" values import den.csv
contains "$err" "den.csv:2: value: the groups (Urban, Rural) add up to 110, not to the total 100 of Female wage workers among employed women ("
# a total from its groups: 03390 gives only its urban and rural workers for
# 2027, and its total is their sum (40 of 100), in its progress and in the
# province's (03394's 50 over its groups' 110, summed too: 90 of 210); it is
# not written to the database
printf 'unit,period,indicator,part,sex,value\n03390,2027,female_wage_workers__area_urban,num,T,10\n03390,2027,female_wage_workers__area_urban,den,T,40\n03390,2027,female_wage_workers__area_rural,num,T,30\n03390,2027,female_wage_workers__area_rural,den,T,60\n' >only-groups.csv
expect_ok "$GEMIS" values import only-groups.csv
expect_ok "$GEMIS" progress --unit 03390 --year 2027 --json
[ "$(printf '%s' "$out" | jq -r '.indicators[] | select(.indicator == "female_wage_workers") | .value')" = 40 ] \
	|| die "the commune's total from its groups: $out"
expect_ok "$GEMIS" progress --unit 12 --year 2027 --json
[ "$(printf '%s' "$out" | jq -r '.indicators[] | select(.indicator == "female_wage_workers") | .value * 100 | round')" = 4286 ] \
	|| die "the province's total from its communes' groups: $out"
[ "$(sql gemis.db "SELECT COUNT(*) FROM datavalues v JOIN units u ON u.id = v.unit_id WHERE u.code = '03390' AND v.period = '2027'
	AND v.indicator = 'female_wage_workers'")" = 0 ] || die "a total from the groups was written"
# age groups that leave ages out add up to at most the total
expect_ok "$GEMIS" breakdown list
contains "$out" "Youth (partial"
expect_ok "$GEMIS" report --unit 03390 --year 2026 --format html -o r.html --lang en
grep -q "Primary school completion rate — Ethnic minority" r.html || die "the minority series is not in the yearly report"

# a plan's target on a category: kept on the series; an unknown category
# or breakdown is refused by field, and nothing is stored
plan() {
	cat <<JSON
{"document": {"number": "12/KH-UBND", "date": "2026-07-01", "period": [2026, 2030],
  "title": "Kế hoạch", "unit": {"level": "commune", "name": "Tân Uyên", "code": "03394"}},
 "targets": [{"indicator": "female_wage_workers", "value": 50, "direction": "at_least", "year": 2030,
   "breakdown": "$1", "category": "$2"}],
 "aims": [], "agencies": ["kinhte"], "assignments": {"kinhte": ["female_wage_workers"]},
 "deadline": {"day": 30, "month": 11, "year": null, "to": "vhxh"}, "lint": []}
JSON
}
plans=$(sql gemis.db "SELECT COUNT(*) FROM plans")
plan area suburb >p1.json
expect_fail 1 "$GEMIS" plan load p1.json
contains "$err" "targets[0].category"
plan colour red >p2.json
expect_fail 1 "$GEMIS" plan load p2.json
contains "$err" "targets[0].breakdown"
[ "$(sql gemis.db "SELECT COUNT(*) FROM plans")" = "$plans" ] || die "a refused plan was stored"
plan disability with >p3.json
expect_ok "$GEMIS" plan load p3.json
contains "$out" "1 on a group of people"
[ "$(sql gemis.db "SELECT t.indicator FROM targets t JOIN plans p ON p.id = t.plan_id JOIN units u ON u.id = p.unit_id
	WHERE u.code = '03394' AND p.superseded_at IS NULL")" = female_wage_workers__disability_with ] \
	|| die "the target on people with a disability is not on its series"

# the review of a new plan says which group's target changes
jq '(.targets[] | select(.category == "minority") | .value) = 99.5 | .document.number = "99/KH-UBND"' \
	"$ROOT/data/demo/plans/03390.json" >p4.json
expect_ok "$GEMIS" plan load p4.json
contains "$out" "Primary school completion rate — Ethnic minority: ≥ 99.9% (2030) (the plan in force) → ≥ 99.5% (2030)"
not_contains "$out" "Primary school completion rate: "

# the whole and a group in one plan are two targets, not a contradiction;
# an amendment's target on the group replaces the plan in force's
jq '.targets += [{"indicator": "primary_completion", "value": 100, "direction": "at_least", "year": 2030}]
	| .document.number = "100/KH-UBND"' "$ROOT/data/demo/plans/03390.json" >p5.json
expect_ok "$GEMIS" plan load p5.json
cat >amend.json <<'JSON'
{"document": {"number": "101/KH-UBND", "date": "2026-08-01", "period": [2026, 2030],
  "title": "Sửa đổi chỉ tiêu", "unit": {"level": "commune", "name": "Bình Lư", "code": "03390"},
  "amends": {"number": "100/KH-UBND", "date": "2026-04-10"}},
 "targets": [{"indicator": "primary_completion", "breakdown": "ethnicity", "category": "minority",
   "value": 98, "direction": "at_least", "year": 2030}],
 "aims": [], "agencies": [], "assignments": {}, "deadline": null, "lint": []}
JSON
expect_ok "$GEMIS" plan load amend.json
[ "$(sql gemis.db "SELECT t.indicator || ' ' || CAST(t.value AS INTEGER) FROM targets t JOIN plans p ON p.id = t.plan_id
	JOIN units u ON u.id = p.unit_id WHERE u.code = '03390' AND p.superseded_at IS NULL
	AND t.indicator LIKE 'primary_completion%' ORDER BY t.indicator")" = "primary_completion 100
primary_completion__ethnicity_minority 98" ] || die "the amendment did not replace the group's target alone"
