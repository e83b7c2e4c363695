# gemis demo, and plans loaded from JSON.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

demo=$(new_db demo)
expect_ok "$GEMIS" --db "$demo" demo
contains "$out" "demo"
[ "$(sql "$demo" "SELECT COUNT(*) FROM plans WHERE demo = 1 AND superseded_at IS NULL")" = 3 ] || die "demo plans"
[ "$(sql "$demo" "SELECT COUNT(*) FROM datavalues d JOIN value_batches b ON b.id = d.batch WHERE b.source <> 'demo'")" = 0 ] || die "values not marked demo"
[ "$(sql "$demo" "SELECT COUNT(DISTINCT year) FROM datavalues")" = 3 ] || die "demo years"
# Đồng Nguyên's plan has two targets outside the catalog: its own
# indicators, with the demo's figures, judged against the plan
expect_ok "$GEMIS" --db "$demo" local list 09385 --year 2026 --json
[ "$(printf '%s' "$out" | jq -r '[.local_indicators[] | "\(.label)=\(.value.value)"] | join(",")')" = "L1=0.8,L2=91.5" ] ||
	die "Đồng Nguyên's own indicators: $out"
expect_ok "$GEMIS" --db "$demo" progress --unit 03390 --year 2026
contains "$out" "DEMO DATA"
contains "$out" "Xã Bình Lư"
# Bình Lư's own target (40%), not the national one (60%)
expect_ok "$GEMIS" --db "$demo" progress --unit 03390 --year 2026 --json
[ "$(printf '%s' "$out" | jq '.indicators[] | select(.indicator == "female_wage_workers") | .target.value')" = 40 ] || die "plan target"
[ "$(printf '%s' "$out" | jq -r '.demo')" = true ] || die "demo flag"
expect_fail 1 "$GEMIS" --db "$demo" demo
contains "$err" "already holds values or plans"

# plan load: the hand-checked plans of the shared set
expect_ok "$GEMIS" init
for f in "$SHARED"/plans/*.gold.json; do
	expect_ok "$GEMIS" plan load "$f" --as loader
	contains "$out" "Stored the plan of"
done
[ "$(sql gemis.db "SELECT COUNT(*) FROM plans")" = 3 ] || die "plans"
# loading again replaces the plan in force and keeps the old one
expect_ok "$GEMIS" plan load "$SHARED/plans/004_43d52928025800ca.gold.json"
contains "$out" "replaces the plan in force"
[ "$(sql gemis.db "SELECT COUNT(*) FROM plans p JOIN units u ON u.id = p.unit_id WHERE u.code = '03390'")" = 2 ] || die "history"
[ "$(sql gemis.db "SELECT COUNT(*) FROM plans p JOIN units u ON u.id = p.unit_id WHERE u.code = '03390' AND superseded_at IS NULL")" = 1 ] || die "one plan in force"
[ "$(sql gemis.db "SELECT deadline_day || '/' || deadline_month || ' ' || deadline_to FROM plans p JOIN units u ON u.id = p.unit_id WHERE u.code = '03390' AND superseded_at IS NULL")" = "30/11 vhxh" ] || die "deadline"
[ "$(sql gemis.db "SELECT COUNT(*) FROM assignments a JOIN plans p ON p.id = a.plan_id WHERE p.superseded_at IS NULL")" = 20 ] || die "assignments"

# a bad plan: every problem named by its JSON path, nothing stored
cat >bad.json <<'JSON'
{"document": {"unit": {"code": "99999"}, "period": [2030, 2026]},
 "targets": [{"indicator": "nope", "direction": "more", "value": "ten", "year": 2030},
             {"indicator": "female_wage_workers", "direction": "at_least", "value": null, "year": 2030}],
 "agencies": ["vhxh", "ministry"],
 "assignments": {"vhxh": ["female_wage_workers", "bogus"]},
 "deadline": {"day": 32, "month": 11, "year": null, "to": "vhxh"}}
JSON
expect_fail 1 "$GEMIS" plan load bad.json
contains "$err" "bad.json: document.unit.code: unknown unit code '99999'"
contains "$err" "bad.json: document.period: must be [first year, last year]"
contains "$err" "bad.json: targets[0].indicator: unknown indicator 'nope'"
contains "$err" "bad.json: targets[0].direction: unknown direction 'more'"
contains "$err" "bad.json: targets[0].value: must be a number or null"
contains "$err" "bad.json: targets[1].value: a target with direction at_least needs a value"
contains "$err" "bad.json: agencies[1]: unknown agency 'ministry'"
contains "$err" "bad.json: assignments.vhxh[1]: unknown indicator 'bogus'"
contains "$err" "bad.json: deadline.day: must be a day of the month"
cat >contradict.json <<'JSON'
{"document": {"unit": {"code": "03390"}, "period": [2026, 2030]},
 "targets": [{"indicator": "female_wage_workers", "direction": "at_least", "value": 40, "year": 2030},
             {"indicator": "female_wage_workers", "direction": "at_least", "value": 50, "year": 2030}]}
JSON
expect_fail 1 "$GEMIS" plan load contradict.json
contains "$err" "targets[1]: contradicts targets[0]"
printf '{"document": ' >broken.json
expect_fail 1 "$GEMIS" plan load broken.json
contains "$err" "broken.json:1:"
[ "$(sql gemis.db "SELECT COUNT(*) FROM plans")" = 4 ] || die "a bad plan was stored"

# --forms: some of Bình Lư's forms of 2026 taken through the workflow
expect_ok "$GEMIS" --db forms.db demo --forms
[ "$(sql forms.db "SELECT agency || '=' || status FROM submissions ORDER BY agency" | tr '\n' ' ')" = "truonghoc=returned vhxh=approved yte=submitted " ] ||
	die "demo forms: $(sql forms.db "SELECT agency || '=' || status FROM submissions ORDER BY agency" | tr '\n' ' ')"
[ "$(sql forms.db "SELECT COUNT(*) FROM submission_events")" = 5 ] || die "demo form events"
[ "$(sql forms.db "SELECT COUNT(*) FROM value_comments")" = 2 ] || die "demo explanations"
expect_ok "$GEMIS" --db forms.db reporting --unit 03390 --year 2026 --json
[ "$(printf '%s' "$out" | jq .total.submitted)" = 2 ] || die "demo forms in the reporting counts"
# the approved form's values are locked
printf 'unit,period,indicator,part,sex,value\n03390,2026,female_key_leaders,num,T,1\n' >locked.csv
expect_fail 1 "$GEMIS" --db forms.db values import locked.csv
contains "$err" "locked.csv:2"
