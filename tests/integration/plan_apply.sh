# Applying plans never loses what a commune inherits: aims without a measure
# are no targets, a target nobody can judge is refused (CLI and web, both
# through plan_load), a province's plan holds for its communes, an amending
# plan completes the plan in force and keeps its history, a yearly plan's
# targets hold for its year.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

plans="$ROOT/tests/plan"
expect_ok "$GEMIS" init

# the province of Hà Tĩnh sets numeric targets for its communes
expect_ok "$GEMIS" plan import "$plans/province.txt" --apply
contains "$out" "Stored the plan of"
[ "$(sql gemis.db "SELECT COUNT(*) FROM plan_agencies a JOIN plans p ON p.id = a.plan_id JOIN units u ON u.id = p.unit_id WHERE u.code = '42' AND a.agency = 'sonoivu'")" = 1 ] || die "the province's departments"

# target set for a commune, and by whom: target INDICATOR CODE -> "value set_by"
target() {
	expect_ok "$GEMIS" progress --unit "$2" --year 2026 --json
	printf '%s' "$out" | jq -r --arg i "$1" '.indicators[] | select(.indicator == $i) | "\(.target.value) \(.target.set_by)"'
}

# Cẩm Xuyên, a commune of Hà Tĩnh, writes aims without a measure: applied,
# they change none of the targets it inherits
sed 's/Kim Điền/Cẩm Xuyên/g; s/KIM ĐIỀN/CẨM XUYÊN/g; s/Quảng Trị/Hà Tĩnh/g' "$plans/aims.txt" >camxuyen.txt
expect_ok "$GEMIS" plan import camxuyen.txt --json
[ "$(printf '%s' "$out" | jq '.aims | length')" = 4 ] || die "the aims are kept as text"
[ "$(printf '%s' "$out" | jq '[.targets[] | select(.value == null and .indicator != "monthly_programs" and .indicator != "gender_in_curriculum")] | length')" = 0 ] || die "a target nobody can judge"
before_leaders=$(target female_key_leaders 18673)
before_srb=$(target sex_ratio_at_birth 18673)
[ "$before_leaders" = "75 42" ] || die "the province's target: $before_leaders"
expect_ok "$GEMIS" plan import camxuyen.txt --apply
contains "$out" "Stored the plan of Xã Cẩm Xuyên (18673)"
[ "$(target female_key_leaders 18673)" = "$before_leaders" ] || die "an aim replaced the inherited target"
[ "$(target sex_ratio_at_birth 18673)" = "$before_srb" ] || die "an aim replaced the inherited sex ratio target"
[ "$(target schools_gender_extracurricular 18673)" = "100 18673" ] || die "the commune's own target"

# a hand-made plan that says "achieve" where only a number can be judged:
# refused, and nothing is stored
expect_ok "$GEMIS" plan import camxuyen.txt --json
printf '%s' "$out" | jq '.targets += [{"indicator": "female_key_leaders", "goal": "politics", "value": null, "unit": null,
	"direction": "achieve", "year": 2030, "baseline": null, "text": "Nâng cao tỷ lệ nữ lãnh đạo"}]' >vague.json
n=$(sql gemis.db "SELECT COUNT(*) FROM plans")
expect_fail 1 "$GEMIS" plan load vague.json
# the JSON the person wrote: its path; the indicator by name
contains "$err" "targets[3].value: Agencies with a female key leader needs a value"
[ "$(sql gemis.db "SELECT COUNT(*) FROM plans")" = "$n" ] || die "a refused plan was stored"
[ "$(target female_key_leaders 18673)" = "$before_leaders" ] || die "the refused plan changed a target"

# the same through the web: the review page says why, applying is refused
expect_ok "$GEMIS" user add cx.focal --role focal --unit 18673 --password-stdin <<PW
a long enough password
PW
start_server
JAR=cx.txt sign_in cx.focal "a long enough password"
JAR=cx.txt http GET /lang/en
JAR=cx.txt http GET /plan/18673
csrf=$(csrf_of)
JAR=cx.txt http POST /plan/18673/upload -F "csrf=$csrf" -F "file=@vague.json;type=application/json"
expect_status 303
review=$(header Location)
id=${review##*/}
JAR=cx.txt http GET "$review"
expect_status 200
# in words (issue 20): the target's number and indicator, no JSON path, no code
contains "$body" "target 4 (Women key leaders), value: Agencies with a female key leader needs a value"
not_contains "$body" "targets[3]"
not_contains "$body" "female_key_leaders needs"
not_contains "$body" "/plan/18673/apply"
JAR=cx.txt http POST /plan/18673/apply --data-urlencode "csrf=$csrf" --data-urlencode "upload=$id"
expect_status 400
[ "$(sql gemis.db "SELECT COUNT(*) FROM plans")" = "$n" ] || die "the web stored a refused plan"
# the aims are shown on the review page of an upload of the document
JAR=cx.txt http POST /plan/18673/upload -F "csrf=$csrf" -F "file=@camxuyen.txt;type=text/plain"
expect_status 303
JAR=cx.txt http GET "$(header Location)"
contains "$body" "Aims without a measure"
contains "$body" "Hạn chế tình trạng lựa chọn giới tính thai nhi"
stop_server

# an amending plan: Tân Mỹ's plan 58/KH-UBND, then its amendment 140/KH-UBND
sed 's/Kim Điền/Tân Mỹ/g; s/KIM ĐIỀN/TÂN MỸ/g' "$plans/aims.txt" >tanmy.txt
expect_fail 1 "$GEMIS" plan import "$plans/amend.txt" --apply
contains "$err" "has no plan in force"
expect_ok "$GEMIS" plan import tanmy.txt --apply
expect_ok "$GEMIS" plan import "$plans/amend.txt" --apply
contains "$out" "Amended the plan in force of Xã Tân Mỹ (19291)"
expect_ok "$GEMIS" progress --unit 19291 --year 2026 --json
[ "$(target female_wage_workers 19291)" = "62 19291" ] || die "the amendment's target"
[ "$(target sex_ratio_at_birth 19291)" = "108 19291" ] || die "the amendment's sex ratio"
[ "$(target gender_in_curriculum 19291 | cut -d' ' -f2)" = 19291 ] || die "the amended plan's other targets stay"
[ "$(sql gemis.db "SELECT COUNT(*) FROM plans p JOIN units u ON u.id = p.unit_id WHERE u.code = '19291'")" = 2 ] || die "history"
[ "$(sql gemis.db "SELECT number FROM plans p JOIN units u ON u.id = p.unit_id WHERE u.code = '19291' AND superseded_at IS NULL")" = "58/KH-UBND" ] || die "the plan in force is still 58/KH-UBND"
[ "$(sql gemis.db "SELECT deadline_day FROM plans p JOIN units u ON u.id = p.unit_id WHERE u.code = '19291' AND superseded_at IS NULL")" = 20 ] || die "the amended deadline"
[ "$(sql gemis.db "SELECT agency FROM assignments a JOIN plans p ON p.id = a.plan_id JOIN units u ON u.id = p.unit_id WHERE u.code = '19291' AND superseded_at IS NULL AND indicator = 'sex_ratio_at_birth'")" = yte ] || die "the amended assignment"
[ "$(sql gemis.db "SELECT COUNT(*) FROM targets t JOIN plans p ON p.id = t.plan_id JOIN units u ON u.id = p.unit_id WHERE u.code = '19291' AND superseded_at IS NULL AND indicator = 'schools_gender_extracurricular'")" = 1 ] || die "one target of the indicator, not two"
# the web's review of the amendment shows what the completed plan changes:
# no fewer targets, the amended plan's rest kept
expect_ok "$GEMIS" user add tm.focal --role focal --unit 19291 --password-stdin <<PW
a long enough password
PW
start_server
JAR=tm.txt sign_in tm.focal "a long enough password"
JAR=tm.txt http GET /lang/en
JAR=tm.txt http GET /plan/19291
csrf=$(csrf_of)
JAR=tm.txt http POST /plan/19291/upload -F "csrf=$csrf" -F "file=@$plans/amend.txt;type=text/plain"
expect_status 303
JAR=tm.txt http GET "$(header Location)"
expect_status 200
contains "$body" "This plan amends the plan in force"
not_contains "$body" 'role="alert"'
contains "$body" "Targets repealed"
stop_server
# amending another plan than the one in force is refused
sed 's|58/KH-UBND|59/KH-UBND|g' "$plans/amend.txt" >amend59.txt
expect_fail 1 "$GEMIS" plan import amend59.txt --apply
contains "$err" "the plan in force is 58/KH-UBND"

# a yearly plan is a plan of its own: its targets hold for its year (2027,
# said nowhere in its items), after the warning that it sets fewer targets
sed 's/Kim Điền/Tuyên Lâm/g; s/KIM ĐIỀN/TUYÊN LÂM/g' "$plans/aims.txt" >tuyenlam.txt
expect_ok "$GEMIS" plan import tuyenlam.txt --apply
expect_ok "$GEMIS" plan import "$plans/yearly.txt" --apply
contains "$out" "Stored the plan of Xã Tuyên Lâm (18958)"
[ "$(sql gemis.db "SELECT period_from || '-' || period_to FROM plans p JOIN units u ON u.id = p.unit_id WHERE u.code = '18958' AND superseded_at IS NULL")" = 2027-2027 ] || die "the period of the yearly plan"
[ "$(sql gemis.db "SELECT CAST(value AS INTEGER) FROM targets t JOIN plans p ON p.id = t.plan_id JOIN units u ON u.id = p.unit_id WHERE u.code = '18958' AND superseded_at IS NULL AND indicator = 'female_wage_workers' AND year = 2027")" = 52 ] || die "the yearly target"
