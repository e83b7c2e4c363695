# gemis plan import / plan lint: JSON, summary, findings, --apply, refusals,
# and a 1 MB document of nonsense in well under the time limit.
. "$ROOT/tests/integration/lib.sh"

plans="$ROOT/tests/plan"
expect_ok "$GEMIS" plan import --json "$plans/assignments.txt"
[ "$(printf '%s' "$out" | jq -r '.document.unit.code')" = 03390 ] || die "unit code"
[ "$(printf '%s' "$out" | jq -r '.deadline.to')" = vhxh ] || die "deadline"
[ "$(printf '%s' "$out" | jq -c '.assignments.kinhte')" = '["female_business_leaders"]' ] || die "assignments"

# the summary, in English and in Vietnamese
expect_ok "$GEMIS" plan import "$plans/directions.txt" --lang en
contains "$out" "Unit: An Hưng (11674)"
contains "$out" "female_agri_share"
contains "$out" "Deadline: 15/12 every year, to vhxh"
expect_ok "$GEMIS" --lang vi plan import "$plans/directions.txt"
contains "$out" "Hạn báo cáo: 15/12 hằng năm"

# lint: one finding a line with its line number, in words (issue 20: no
# code, indicators by name); exit 1 when there are findings
expect_fail 1 "$GEMIS" plan lint "$plans/lint.txt" --lang en
contains "$out" "lint.txt:17: numbering skips a number: Section 2 is followed by section 4"
contains "$out" "possible typing error: \"Phân đầu\" should probably be \"Phấn đấu\""
contains "$out" "possible typing error: \"chuyên biến\" should probably be \"chuyển biến\""
contains "$out" "the same target twice: Female wage workers among employed women is targeted twice"
contains "$out" "no agency answers for it: no agency is made responsible for Female wage workers"
not_contains "$out" "female_wage_workers"
not_contains "$out" "numbering_gap"
expect_fail 1 "$GEMIS" plan lint "$plans/lint.txt" --lang vi
contains "$out" "Mục 2 được theo sau bởi mục 4"
contains "$out" "Tỷ lệ lao động nữ làm công hưởng lương được đặt chỉ tiêu hai lần"
# the codes and the indicators' ids are for programs: --json
expect_fail 1 "$GEMIS" plan lint "$plans/lint.txt" --json
[ "$(printf '%s' "$out" | jq -r '[.[] | select(.code == "duplicate_target")][0].indicator')" = female_wage_workers ] ||
	die "plan lint --json: the duplicate target's code and indicator"
[ "$(printf '%s' "$out" | jq -r '.[0].code')" = numbering_gap ] || die "plan lint --json: the first finding's code"

# --apply stores the plan; applying again replaces it and keeps the history
expect_ok "$GEMIS" init
expect_ok "$GEMIS" plan import "$plans/assignments.txt" --apply --as tester
contains "$out" "Stored the plan of Xã Bình Lư (03390)"
expect_ok "$GEMIS" plan import "$plans/assignments.txt" --apply
contains "$out" "replaces the plan in force"
[ "$(sql gemis.db "SELECT COUNT(*) FROM plans p JOIN units u ON u.id = p.unit_id WHERE u.code = '03390'")" = 2 ] || die "history"
[ "$(sql gemis.db "SELECT COUNT(*) FROM plans p JOIN units u ON u.id = p.unit_id WHERE u.code = '03390' AND superseded_at IS NULL")" = 1 ] || die "one plan in force"
[ "$(sql gemis.db "SELECT COUNT(*) FROM assignments a JOIN plans p ON p.id = a.plan_id WHERE p.superseded_at IS NULL")" = 6 ] || die "assignments stored"

# refused: a unit that is not in the list, targets that contradict each other
sed 's/Bình Lư/Xyz Không Có/g; s/BÌNH LƯ/XYZ KHÔNG CÓ/g; s/Lai Châu/Hà Giang Cũ/g' "$plans/assignments.txt" >nounit.txt
expect_fail 1 "$GEMIS" plan import nounit.txt --apply
contains "$err" "was not found in the administrative list"
# lint.txt gives female_wage_workers 55% and 58% for the same year
expect_fail 1 "$GEMIS" plan import "$plans/lint.txt" --apply
# named in words: the target's number in the plan and its indicator
contains "$err" "lint.txt: target 3 (Women wage workers): contradicts target 2: two different targets for Female wage workers"
not_contains "$err" "targets["
[ "$(sql gemis.db "SELECT COUNT(*) FROM plans")" = 2 ] || die "a refused plan was stored"

# not UTF-8, a missing file, a scan
printf '\377\376\000K\000' >bad.txt
expect_fail 1 "$GEMIS" plan import bad.txt
contains "$err" "not UTF-8"
expect_fail 1 "$GEMIS" plan lint missing.txt

# the shared real plans, when they are there
if [ -d "$SHARED/plans" ]; then
	for f in "$SHARED"/plans/*.txt; do
		expect_ok "$GEMIS" plan import --json "$f"
		printf '%s' "$out" | jq -e '.document.unit.code != null' >/dev/null || die "no code for $f"
	done
fi

# 1 MB of nonsense: no crash, well within a generous limit
awk 'BEGIN { srand(7); w[0]="xã"; w[1]="Chỉ"; w[2]="tiêu"; w[3]="1:"; w[4]="70%"; w[5]="I."; w[6]="-";
	w[7]="năm"; w[8]="2030"; w[9]="Phòng"; w[10]="của"; w[11]="mục"; w[12]="trước"; w[13]="ngày";
	w[14]="30/11"; w[15]="Số:"; w[16]="a)"; w[17]="lãnh"; w[18]="đạo"; w[19]="."
	n = 0; while (n < 1048576) { s = w[int(rand() * 20)]; printf "%s", s; n += length(s) + 1;
	if (rand() < 0.1) printf "\n"; else printf " " } }' >nonsense.txt
[ "$(wc -c <nonsense.txt)" -ge 1000000 ] || die "nonsense too small"
expect_ok timeout 20 "$GEMIS" plan import --json nonsense.txt
printf '%s' "$out" | jq -e '.document' >/dev/null || die "nonsense: no JSON"
