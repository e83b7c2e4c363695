# gemis report --kind midterm|final (issue 14): the reviews of the demo
# commune Bình Lư (gemis demo --forms: forms, tasks, activities, two years
# of budget) and of its province, against golden files in
# tests/golden/review/ (UPDATE_GOLDEN=1 rewrites them).
# backends: sqlite postgresql
# Compared: the HTML, the PDF's text, the DOCX's document part, the
# workbook's sheets.  Also: every section and one chart per indicator with
# values in the DOCX, hand-computed figures (the required path, the
# budget's sums), LibreOffice opening the DOCX when it is installed, the
# same bytes for the same data, and bad input refused naming the option.
. "$ROOT/tests/integration/lib.sh"

G=$ROOT/tests/golden/review
ART=$ROOT/tests/artifacts
mkdir -p "$ART" "$G"
export SOURCE_DATE_EPOCH=1796169600 # 2026-12-02 00:00 UTC
expect_ok "$GEMIS" demo --forms

compare() {
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$1" "$G/$2"
		return
	fi
	[ -f "$G/$2" ] || die "missing golden file tests/golden/review/$2 (run with UPDATE_GOLDEN=1)"
	if ! diff -u "$G/$2" "$1" >diff.txt; then
		head -60 diff.txt >&2
		die "$2 differs from the golden file"
	fi
}

zip_xml() {
	unzip -tq "$1" >/dev/null || die "$1 is not a valid zip"
	rm -rf x && mkdir x && (cd x && unzip -q "../$1")
	for part in $(cd x && find . -name '*.xml' -o -name '*.rels'); do
		xmllint --noout "x/$part" || die "$1: $part is not well-formed XML"
	done
}

parts() {
	f=$1
	shift
	for part in "$@"; do
		echo "=== $part"
		unzip -p "$f" "$part" | xmllint --format -
	done
}

# the mid-term review held in 2026 (the demo's data ends there), every format
for fmt in html docx xlsx pdf; do
	expect_ok "$GEMIS" --lang vi report --kind midterm --year 2026 --unit 03390 --date 2026-12-02 -o m.$fmt
	contains "$out" "sơ kết"
done
zip_xml m.docx
zip_xml m.xlsx
pdftotext m.pdf m.pdf.txt
pdftoppm -r 60 -png -f 1 -l 3 m.pdf "$ART/review-03390-2026"
compare m.html midterm-03390-2026.html
compare m.pdf.txt midterm-03390-2026.pdf.txt
parts m.docx word/document.xml >m.docx.xml
compare m.docx.xml midterm-03390-2026.docx.xml
parts m.xlsx xl/workbook.xml xl/sharedStrings.xml xl/worksheets/sheet1.xml xl/worksheets/sheet5.xml \
	xl/worksheets/sheet6.xml xl/charts/chart1.xml >m.xlsx.xml
compare m.xlsx.xml midterm-03390-2026.xlsx.xml

# every section, in the DOCX
doc=$(unzip -p m.docx word/document.xml)
for h in "Sơ kết thực hiện công tác bình đẳng giới giai đoạn 2024 - 2026" \
	"I. KẾT QUẢ CẢ GIAI ĐOẠN THEO MỤC TIÊU, CHỈ TIÊU" "II. ĐÁNH GIÁ QUA TỪNG NĂM" \
	"III. NHIỆM VỤ CỦA KẾ HOẠCH QUA TỪNG NĂM" "IV. KINH PHÍ QUA TỪNG NĂM" \
	"V. CHẤM ĐIỂM CÁC CƠ QUAN, ĐƠN VỊ" "VI. ĐÁNH GIÁ CHUNG, BÀI HỌC KINH NGHIỆM VÀ ĐỀ XUẤT" \
	"1. Kết quả đạt được" "2. Tồn tại, hạn chế" "3. Nguyên nhân" "4. Bài học kinh nghiệm" \
	"5. Đề xuất khen thưởng" "Nơi nhận:"; do
	contains "$doc" "$h" "the DOCX"
done
# one chart per indicator with a value (19 of Bình Lư's 25: its 23 and the
# two ethnic-group series of primary completion), and the statuses by
# year: each an image the document cites
charts=$(unzip -l m.docx | grep -c 'word/media/chart[0-9]*\.png')
[ "$charts" = 20 ] || die "the DOCX has $charts charts, not 20"
cited=$(printf '%s' "$doc" | grep -o 'r:embed="rIdChart[0-9]*"' | sort -u | wc -l)
[ "$cited" = 20 ] || die "the DOCX cites $cited charts, not 20"

# by hand: female key leaders, 50% in 2024 (the earliest year: the plan
# gives no baseline), target 70% in 2030: the required path in 2026 is
# 50 * (70/50)^(2/6) = 55.93
contains "$(cat m.pdf.txt)" "55,93" "the required path in the PDF"
# the budget of 2025 and 2026 (store/demo.c, through the whole workflow):
# estimated 15 + 8 + 20 = 43 million in 2025, 16.5 + 12.5 + 25 + 6 = 60 in
# 2026 (103 in all); approved 14 + 8 + 18 = 40 and 16 + 12 + 22 = 50 (the 6
# million line is not appraised yet: 90 in all); spent 13.85 + 8.6 + 17.2 =
# 39.65 and 9.5 + 11.8 = 21.3 (60.95 in all)
txt=$(cat m.pdf.txt)
for v in "43.000.000 đ" "60.000.000 đ" "103.000.000 đ" "40.000.000 đ" "50.000.000 đ" "90.000.000 đ" \
	"39.650.000 đ" "60.950.000 đ"; do
	contains "$txt" "$v" "the budget section"
done

# LibreOffice opens it with every chart
if command -v soffice >/dev/null 2>&1; then
	timeout 300 soffice -env:UserInstallation=file://$PWD/lo --headless --convert-to pdf --outdir lo m.docx \
		>lo.log 2>&1 || { cat lo.log >&2; die "LibreOffice could not convert the DOCX"; }
	[ -s lo/m.pdf ] || die "LibreOffice wrote no PDF"
	imgs=$(pdfimages -list lo/m.pdf | tail -n +3 | wc -l)
	[ "$imgs" = 20 ] || die "LibreOffice's PDF has $imgs images, not 20"
	pdftotext lo/m.pdf lo.txt
	contains "$(cat lo.txt)" "ĐÁNH GIÁ CHUNG, BÀI HỌC KINH NGHIỆM VÀ ĐỀ XUẤT" "LibreOffice's PDF"
else
	echo "LibreOffice is not installed: the DOCX was checked as well-formed XML only"
fi

# English, and the same bytes for the same data
expect_ok "$GEMIS" --lang en report --kind midterm --year 2026 --unit 03390 --date 2026-12-02 -o en.html
contains "$(cat en.html)" "Mid-term review of gender equality work, 2024 - 2026"
compare en.html midterm-03390-2026.en.html
expect_ok "$GEMIS" --lang vi report --kind midterm --year 2026 --unit 03390 --date 2026-12-02 -o again.docx
cmp -s m.docx again.docx || die "two DOCX of the same data differ"

# the default years: mid-term 2028, final 2030, the period from the baseline
expect_ok "$GEMIS" --lang en report --kind midterm --unit 03390 -o d.html
contains "$(cat d.html)" "Mid-term review of gender equality work, 2024 - 2028"
expect_ok "$GEMIS" --lang en report --kind final --unit 03390 -o f.html
contains "$(cat f.html)" "Final review of gender equality work, 2024 - 2030"

# a province's review rolls up its communes: its sub-units ranked
expect_ok "$GEMIS" --lang vi report --kind final --year 2026 --unit 12 --date 2026-12-02 -o p.html
compare p.html final-12-2026.html
contains "$(cat p.html)" "CHẤM ĐIỂM CÁC ĐƠN VỊ TRỰC THUỘC"
contains "$(cat p.html)" "CÁC ĐƠN VỊ TRỰC THUỘC NĂM 2026"
expect_ok "$GEMIS" --lang vi report --kind final --year 2026 --unit 12 --format xlsx --all -o all
[ "$(ls all | wc -l)" = 38 ] || die "--all wrote $(ls all | wc -l) reviews for 38 communes"

# bad input, naming the option
expect_fail 2 "$GEMIS" --lang en report --kind quarterly --unit 03390 -o x.pdf
contains "$err" "--kind"
contains "$err" "quarterly"
expect_fail 2 "$GEMIS" --lang en report --kind midterm --year 2025 --unit 03390 -o x.pdf
contains "$err" "--year"
contains "$err" "between 2026 and 2030"
expect_fail 2 "$GEMIS" --lang en report --kind final --year 2031 --unit 03390 -o x.pdf
contains "$err" "--year"
[ ! -e x.pdf ] || die "a refused review left x.pdf"
# a plan whose baseline is later than the review year
sql gemis.db "UPDATE targets SET baseline_year = 2027, baseline_value = 60 WHERE indicator = 'female_key_leaders' AND plan_id IN (SELECT p.id FROM plans p JOIN units u ON u.id = p.unit_id WHERE u.code = '03390')"
expect_fail 1 "$GEMIS" --lang en report --kind midterm --year 2026 --unit 03390 -o x.pdf
contains "$err" "--year"
contains "$err" "before the plan's baseline year 2027"
[ ! -e x.pdf ] || die "a refused review left x.pdf"
