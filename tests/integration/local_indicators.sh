# A commune's own targets (issue 17, S5): a plan's numeric targets outside
# the catalog become its local indicators L1, L2 owed by an agency, a
# qualitative one does not; values recorded from the command line by the
# owing agency's reporter and an admin, refused (nothing written) for a
# stale version, a bad value, a missing year, another agency and a locked
# year; the history; the same wording kept across plans, a new wording a
# new indicator with the old one's values kept; the yearly report's section.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" init
printf 'a long enough password\n' >pw.txt
expect_ok "$GEMIS" user add bl.congan --role reporter --unit 03390 --agency congan --password-stdin <pw.txt
expect_ok "$GEMIS" user add bl.kinhte --role reporter --unit 03390 --agency kinhte --password-stdin <pw.txt
expect_ok "$GEMIS" user add adm --role admin --unit VN --password-stdin <pw.txt

for c in "local list" "local record" "local history"; do
	# shellcheck disable=SC2086 # two words
	expect_ok "$GEMIS" $c --help
	contains "$out" "gemis $c"
done
expect_ok "$GEMIS" local record --help
contains "$out" "--version N"
contains "$out" "not overwritten unseen"

# Bình Lư's plan: the police answer for the family goal's indicators, the
# economic office for the economy's; two numeric targets outside the
# catalog and one without a measure
plan() { # plan L2_TEXT L2_VALUE
	cat <<JSON
{"document": {"number": "645/KH-UBND", "date": "2026-04-10", "period": [2026, 2030],
  "title": "Thực hiện Chiến lược quốc gia về Bình đẳng giới", "signer": null,
  "unit": {"level": "commune", "name": "Bình Lư", "code": "03390"}},
 "references": [],
 "targets": [
  {"indicator": "dv_victims_supported", "goal": "family", "value": 90, "unit": "%", "direction": "at_least",
   "year": 2030, "baseline": null, "text": "90% nạn nhân bạo lực gia đình được hỗ trợ"},
  {"indicator": "dv_perpetrators_counseled", "goal": "family", "value": 70, "unit": "%", "direction": "at_least",
   "year": 2030, "baseline": null, "text": "70% người gây bạo lực được tư vấn"},
  {"indicator": "female_wage_workers", "goal": "economy", "value": 40, "unit": "%", "direction": "at_least",
   "year": 2030, "baseline": null, "text": "Tỷ lệ lao động nữ làm công hưởng lương đạt trên 40%"},
  {"indicator": "custom", "goal": "family", "value": 5, "unit": "%", "direction": "at_most",
   "year": 2030, "baseline": {"value": 12, "year": 2024}, "text": "Giảm tỷ lệ tảo hôn xuống dưới 5%"},
  {"indicator": "custom", "goal": "economy", "value": $2, "unit": "lao động", "direction": "at_least",
   "year": 2027, "baseline": null, "text": "$1"},
  {"indicator": "custom", "goal": "communication", "value": null, "unit": null, "direction": "achieve",
   "year": 2030, "baseline": null, "text": "Xây dựng mô hình câu lạc bộ gia đình hạnh phúc"}],
 "agencies": ["vhxh", "kinhte", "congan"],
 "assignments": {"congan": ["dv_victims_supported", "dv_perpetrators_counseled"], "kinhte": ["female_wage_workers"]},
 "deadline": {"day": 30, "month": 11, "year": null, "to": "vhxh"}, "lint": []}
JSON
}
plan "Hỗ trợ ít nhất 120 lao động nữ học nghề" 120 >plan.json
expect_ok "$GEMIS" plan load plan.json
expect_ok "$GEMIS" local list 03390 --year 2026 --json
printf '%s' "$out" >list.json
[ "$(jq -r '[.local_indicators[].label] | join(",")' list.json)" = L1,L2 ] || die "the labels: $out"
[ "$(jq -r '.local_indicators[0] | "\(.name)|\(.agency)|\(.unit)|\(.target.direction)|\(.target.value)|\(.target.year)|\(.in_force)"' list.json)" = \
	"Giảm tỷ lệ tảo hôn xuống dưới 5%|congan|%|at_most|5|2030|true" ] || die "L1: $out"
[ "$(jq -r '.local_indicators[1] | "\(.name)|\(.agency)|\(.unit)|\(.target.direction)|\(.target.value)|\(.target.year)|\(.polarity)"' list.json)" = \
	"Hỗ trợ ít nhất 120 lao động nữ học nghề|kinhte|lao động|at_least|120|2027|higher" ] || die "L2: $out"
[ "$(sql gemis.db "SELECT COUNT(*) FROM local_indicators")" = 2 ] || die "the qualitative target was stored"
[ "$(sql gemis.db "SELECT COUNT(*) FROM local_values")" = 0 ] || die "values before any was recorded"

# recorded by the police's reporter, and by an admin
expect_ok "$GEMIS" local record 03390 L1 --year 2026 --value 8,5 --note "Sổ hộ tịch xã" --as bl.congan
contains "$out" "Recorded L1 of 03390 for 2026"
expect_ok "$GEMIS" local record 03390 l2 --year 2026 --value 130 --as adm
[ "$(sql gemis.db "SELECT recorded_by || '|' || agency || '|' || CAST(value * 10 AS INTEGER) FROM local_values ORDER BY id")" = \
	"$(printf 'bl.congan|congan|85\nadm|kinhte|1300')" ] || die "the records: $(sql gemis.db "SELECT * FROM local_values")"
first=$(sql gemis.db "SELECT id FROM local_values WHERE recorded_by = 'bl.congan'")

# refused, nothing written: a version older than the latest record (naming
# who made it), a value that is not a number, no year, another agency's
# reporter, a label the unit does not have
expect_fail 1 "$GEMIS" local record 03390 L1 --year 2026 --value 7 --version 0 --as adm
contains "$err" "bl.congan"
contains "$err" "nothing was recorded"
expect_fail 2 "$GEMIS" local record 03390 L1 --year 2026 --value nhiều --as bl.congan
contains "$err" "--value: not a number 'nhiều'"
expect_fail 2 "$GEMIS" local record 03390 L1 --value 7 --as bl.congan
contains "$err" "--year: required"
expect_fail 1 "$GEMIS" local record 03390 L1 --year 2026 --value 7 --as bl.kinhte
contains "$err" "you may not record values for congan of 03390"
expect_fail 1 "$GEMIS" local record 03390 L1 --year 2026 --value 7 --note "$(printf '%01001d' 0)"
contains "$err" "note: "
expect_fail 1 "$GEMIS" local record 03390 L9 --year 2026 --value 7
contains "$err" "no such local indicator in the unit 'L9'"
expect_fail 2 "$GEMIS" local record 03390 X1 --year 2026 --value 7
contains "$err" "not a local indicator's label 'X1'"

# the focal point (here the operator) hands L2 to the police and back; a
# reporter may not, an unknown agency is named
expect_fail 1 "$GEMIS" local assign 03390 L2 --agency congan --as bl.congan
contains "$err" "you may not change the plan of 03390"
expect_fail 1 "$GEMIS" local assign 03390 L2 --agency nope
contains "$err" "agency: 'nope' is not an agency"
expect_ok "$GEMIS" local assign 03390 L2 --agency congan
contains "$out" "L2 of 03390 is owed by"
expect_ok "$GEMIS" local list 03390 --json
[ "$(printf '%s' "$out" | jq -r '.local_indicators[] | select(.label == "L2") | .agency')" = congan ] || die "L2 handed over: $out"
expect_ok "$GEMIS" local assign 03390 L2 --agency kinhte
[ "$(sql gemis.db "SELECT agency_before || '>' || agency FROM local_log ORDER BY id" | tr '\n' ' ')" = "kinhte>congan congan>kinhte " ] ||
	die "the log of the handovers"
expect_fail 1 "$GEMIS" local history 03390 L9
contains "$err" "no such local indicator in the unit 'L9'"
[ "$(sql gemis.db "SELECT COUNT(*) FROM local_values")" = 2 ] || die "a refused record was written"

# the version seen: the latest record of the year; the history keeps both
expect_ok "$GEMIS" local record 03390 L1 --year 2026 --value 8 --version "$first" --as bl.congan
expect_ok "$GEMIS" local history 03390 L1
contains "$out" "Records of L1"
[ "$(printf '%s\n' "$out" | grep -c '^#')" = 2 ] || die "the history: $out"
case "$out" in *"8.5"*"Sổ hộ tịch xã"*"#"*" 8 "*) ;; *) die "not oldest first: $out" ;; esac
expect_ok "$GEMIS" local history 03390 L1 --json
[ "$(printf '%s' "$out" | jq -r '[.records[] | "\(.value)/\(.by)"] | join(",")')" = "8.5/bl.congan,8/bl.congan" ] ||
	die "the history as JSON: $out"
expect_ok "$GEMIS" local list 03390 --year 2026 --json
[ "$(printf '%s' "$out" | jq -r '[.local_indicators[] | "\(.label)=\(.value.value)"] | join(",")')" = L1=8,L2=130 ] ||
	die "the year's values: $out"
# 130 workers in 2026 already meets "at least 120 by 2027"
[ "$(printf '%s' "$out" | jq -r '.local_indicators[1].status')" = achieved ] || die "L2's status: $out"
l1_status=$(printf '%s' "$out" | jq -r '.local_indicators[0].status')
expect_ok "$GEMIS" local list 03390 --year 2026
contains "$out" "L1   Giảm tỷ lệ tảo hôn xuống dưới 5%"
contains "$out" "≤ 5% (2030)"

# the yearly report of the commune has the section; the province's does not
expect_ok "$GEMIS" report --unit 03390 --year 2026 --format html -o r.html
report=$(cat r.html)
contains "$report" "The commune&#39;s own targets" "the report"
contains "$report" "Giảm tỷ lệ tảo hôn xuống dưới 5%" "the report"
contains "$report" "≥ 120 lao động (2027)" "the report"
contains "$report" "130 lao động" "the report"
expect_ok "$GEMIS" progress --unit 03390 --year 2026 --json
not_contains "$out" "tảo hôn" "the engine's progress"
expect_ok "$GEMIS" report --unit 03390 --year 2026 --format xlsx -o r.xlsx
contains "$(unzip -p r.xlsx xl/workbook.xml)" "Own targets" "the workbook"
# in Vietnamese, the default, in the document and the PDF
expect_ok "$GEMIS" --lang vi report --unit 03390 --year 2026 --format docx -o r.docx
contains "$(unzip -p r.docx word/document.xml)" "Chỉ tiêu riêng của xã" "the DOCX"
expect_ok "$GEMIS" --lang vi report --unit 03390 --year 2026 --format pdf -o r.pdf
contains "$(pdftotext r.pdf - | tr -s ' \n' '  ')" "Chỉ tiêu riêng của xã" "the PDF"
expect_ok "$GEMIS" report --unit 12 --year 2026 --format html -o p.html
not_contains "$(cat p.html)" "own targets" "the province's report"
not_contains "$(cat p.html)" "tảo hôn" "the province's report"
[ -n "$l1_status" ] && [ "$l1_status" != null ] || die "L1 has no status"

# the same plan again keeps L1 and L2; a new wording is a new indicator,
# the old one out of force with its value
expect_ok "$GEMIS" plan load plan.json
contains "$out" "own indicators: 2 kept, 0 new, 0 out of force"
expect_ok "$GEMIS" local list 03390 --year 2026 --json
[ "$(printf '%s' "$out" | jq -r '[.local_indicators[] | "\(.label):\(.in_force)"] | join(",")')" = L1:true,L2:true ] ||
	die "the same plan again: $out"
plan "Hỗ trợ ít nhất 150 lao động nữ học nghề" 150 >plan2.json
expect_ok "$GEMIS" plan load plan2.json
# what changes is said before it is stored: the label kept, the new one,
# the one out of force
contains "$out" "own indicators: 1 kept, 1 new, 1 out of force"
contains "$out" "L1 kept: Giảm tỷ lệ tảo hôn xuống dưới 5%"
contains "$out" "new: Hỗ trợ ít nhất 150 lao động nữ học nghề (≥ 150"
contains "$out" "L2 out of force, its values kept: Hỗ trợ ít nhất 120 lao động nữ học nghề"
expect_ok "$GEMIS" local list 03390 --year 2026 --json
[ "$(printf '%s' "$out" | jq -r '[.local_indicators[] | "\(.label):\(.in_force)"] | sort | join(",")')" = \
	L1:true,L2:false,L3:true ] || die "a new wording: $out"
[ "$(printf '%s' "$out" | jq -r '.local_indicators[] | select(.label == "L2") | .value.value')" = 130 ] ||
	die "the old one's value: $out"
expect_ok "$GEMIS" local list 03390 --year 2026
contains "$out" "(not in the plan in force)"
expect_ok "$GEMIS" report --unit 03390 --year 2026 --format html -o r2.html
contains "$(cat r2.html)" "Hỗ trợ ít nhất 120 lao động nữ học nghề (not in the plan in force)" "the report"

# the police's form of 2026 approved: the year is locked for them
sql gemis.db "INSERT INTO submissions (unit_id, agency, period, status, version, created_at, updated_at, updated_by, submitted_at, submitted_by)
SELECT id, 'congan', '2026', 'approved', 2, 1794279600, 1795143600, 'focal', 1795143600, 'bl.congan' FROM units WHERE code = '03390'" >/dev/null
n=$(sql gemis.db "SELECT COUNT(*) FROM local_values")
expect_fail 1 "$GEMIS" local record 03390 L1 --year 2026 --value 6 --as bl.congan
expect_fail 1 "$GEMIS" local record 03390 L1 --year 2026 --value 6 --as adm
[ "$(sql gemis.db "SELECT COUNT(*) FROM local_values")" = "$n" ] || die "a locked year was written"
# another year is not locked
expect_ok "$GEMIS" local record 03390 L1 --year 2025 --value 10 --as bl.congan
