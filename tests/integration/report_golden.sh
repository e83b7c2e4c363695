# gemis report and gemis reporting against golden files: the demo database
# with the forms and comments of tests/golden/report/forms.sql, rendered in
# every format and compared with the expected output next to the input
# (tests/golden/report/).  DOCX and XLSX are compared part by part after
# xmllint --format, the PDF by its text (pdftotext).  Run with
# UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change.
# Also: every DOCX and XLSX is a valid zip of well-formed XML, the PDF's
# text has the Vietnamese title and the unit's name, and page images are
# kept in tests/artifacts/ for people to look at.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

G=$ROOT/tests/golden/report
ART=$ROOT/tests/artifacts
mkdir -p "$ART"
export SOURCE_DATE_EPOCH=1796169600 # 2026-12-02 00:00 UTC
expect_ok "$GEMIS" demo
sql gemis.db "$(grep -v '^--' "$G/forms.sql")"
# the results of Bình Lư's tasks and its activity log (issue 11): the
# report's IV.2 and V, the province's sums of them
expect_ok "$GEMIS" task record --unit 03390 --task 2.2 --agency kinhte --status done --period 2026 \
	--note "Thẩm định dự toán kinh phí thực hiện kế hoạch năm 2026"
expect_ok "$GEMIS" task record --unit 03390 --task 2.6 --agency ttdv --status in_progress --period 2026Q4 \
	--note "Đang tổ chức tư vấn việc làm cho lao động nữ tại 4 bản"
expect_ok "$GEMIS" task record --unit 03390 --task 2.7 --agency congan --status not_done --period 2026 \
	--reason "Chưa bố trí được cán bộ nữ làm công tác hòa giải do thiếu biên chế"
printf '%s\n' 'ngày,loại,kênh,tiêu đề,địa bàn,nữ,nam' \
	'03/07/2026,tin bài,loa truyền thanh,Tuyên truyền Luật Bình đẳng giới,,,' \
	'24/07/2026,tin bài,trang thông tin điện tử,Bình Lư đẩy mạnh bình đẳng giới,,,' \
	'12/08/2026,tin bài,fanpage,Phụ nữ làm kinh tế giỏi,,,' \
	'05/09/2026,tin bài,loa truyền thanh,Phòng chống tảo hôn,,,' \
	'16/09/2026,chuyên mục,loa truyền thanh,Chuyên mục Bình đẳng giới tháng 9,,,' \
	'08/08/2026,tập huấn,trực tiếp,Tập huấn phòng chống bạo lực gia đình,Bản Nà Ún,23,12' \
	'15/11/2026,sự kiện,trực tiếp,Lễ phát động Tháng hành động,Trung tâm xã,120,85' \
	'20/11/2026,tin bài,loa truyền thanh,Chung tay chấm dứt bạo lực trên cơ sở giới,,,' >log.csv
expect_ok "$GEMIS" activity import --unit 03390 --agency vhxh log.csv

# its budget (issue 14): the report's IV.3, by source and by goal, a line
# spent above what was approved beside the result of its task
expect_ok "$GEMIS" budget add --unit 03390 --year 2026 --agency kinhte --task 2.2 --source ctmtqg_ntm \
	--estimate 20.000.000 --title "Hỗ trợ phụ nữ khởi nghiệp" --submit
expect_ok "$GEMIS" budget act --unit 03390 --line 1 --action appraise --amount 18.000.000
expect_ok "$GEMIS" budget act --unit 03390 --line 1 --action approve --decision-no 198/QĐ-UBND --decision-date 30/12/2025
expect_ok "$GEMIS" budget act --unit 03390 --line 1 --action spend --amount 18.500.000
expect_ok "$GEMIS" budget add --unit 03390 --year 2026 --agency vhxh --source nsnn_xa --estimate 6000000 \
	--title "In tờ rơi tuyên truyền" --submit
# its feedback and complaints (issue 15): the report's VI.2, counts by field
# and channel with the small ones suppressed, the people in none of it
expect_ok "$GEMIS" case keygen reg.key
export GEMIS_CASE_KEY_FILE="$PWD/reg.key"
for m in "2026-01-12 in_person petition economy kinhte" "2026-02-20 mass_org feedback family vhxh" \
	"2026-03-05 hotline denunciation family congan" "2026-03-09 hotline complaint family vhxh" \
	"2026-04-02 letter complaint economy kinhte" "2026-05-14 hotline feedback family vhxh" \
	"2026-06-25 hotline feedback family vhxh" "2026-07-01 hotline petition family vhxh" \
	"2026-09-17 phone feedback politics vhxh"; do
	# shellcheck disable=SC2086 # five words
	set -- $m
	GEMIS_TODAY=2026-12-01 expect_ok "$GEMIS" complaint add --unit 03390 --received "$1" --channel "$2" --kind "$3" \
		--field "$4" --agency "$5" --name "Người gửi GOLDEN-NAME" --text "Nội dung" --as binhlu
done
GEMIS_TODAY=2026-12-01 expect_ok "$GEMIS" complaint answer --code 03390-2026-0001 --status answered --on 2026-02-03 \
	--answer "Đã trả lời" --as binhlu
GEMIS_TODAY=2026-12-01 expect_ok "$GEMIS" complaint answer --code 03390-2026-0005 --status answered --on 2026-06-01 \
	--answer "Đã trả lời" --as binhlu
GEMIS_TODAY=2026-12-01 expect_ok "$GEMIS" complaint answer --code 03390-2026-0004 --status withdrawn --as binhlu

# its drafts (issue 15): the report's VI.2, one checked and issued, one
# issued unchecked, one still being filled
printf '%s' '{"affected": "212 hộ nghèo: 498 nữ, 476 nam", "gender_issue": "Hộ do phụ nữ làm chủ ít được vay vốn",
 "widens_gap": "no", "impact": "Phụ nữ được hưởng khoảng 45%", "data_used": "Rà soát hộ nghèo 2025",
 "mitigation": "Ưu tiên hộ do phụ nữ làm chủ"}' >answers.json
expect_ok "$GEMIS" draft add --unit 03390 --kind decision --number "Dự thảo 2" \
	--title "Quyết định hỗ trợ phát triển sinh kế cho hộ nghèo" --drafted-on 2026-03-02 --agency kinhte \
	--answers answers.json --submit --as binhlu.kinhte
expect_ok "$GEMIS" draft review --unit 03390 --id 1 --action review --comment "Đạt yêu cầu" --as binhlu.vhxh
expect_ok "$GEMIS" draft issue --unit 03390 --id 1 --number 15/QĐ-UBND --on 2026-03-20 --as binhlu
expect_ok "$GEMIS" draft add --unit 03390 --kind decision --title "Quyết định mở lớp đào tạo nghề" \
	--drafted-on 2026-06-01 --agency ttdv --as binhlu
expect_ok "$GEMIS" draft issue --unit 03390 --id 2 --number 60/QĐ-UBND --on 2026-06-20 --as binhlu
expect_ok "$GEMIS" draft add --unit 03390 --kind plan --title "Kế hoạch phòng, chống bạo lực gia đình năm 2027" \
	--drafted-on 2026-11-20 --agency congan --as binhlu

# compare FILE GOLDEN: equal, or rewritten under UPDATE_GOLDEN=1
compare() {
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$1" "$G/$2"
		return
	fi
	[ -f "$G/$2" ] || die "missing golden file tests/golden/report/$2 (run with UPDATE_GOLDEN=1)"
	if ! diff -u "$G/$2" "$1" >diff.txt; then
		head -60 diff.txt >&2
		die "$2 differs from the golden file"
	fi
}

# zip_xml FILE: a valid archive whose XML parts are all well-formed
zip_xml() {
	unzip -tq "$1" >/dev/null || die "$1 is not a valid zip"
	rm -rf x && mkdir x && (cd x && unzip -q "../$1")
	n=0
	for part in $(cd x && find . -name '*.xml' -o -name '*.rels'); do
		xmllint --noout "x/$part" || die "$1: $part is not well-formed XML"
		n=$((n + 1))
	done
	[ "$n" -ge 5 ] || die "$1 has only $n XML parts"
}

# parts FILE PART...: the parts formatted, one after the other
parts() {
	f=$1
	shift
	for part in "$@"; do
		echo "=== $part"
		unzip -p "$f" "$part" | xmllint --format -
	done
}

for unit in 03390 12; do
	for fmt in html docx xlsx pdf; do
		expect_ok "$GEMIS" --lang vi report --unit $unit --year 2026 --date 2026-12-02 -o $unit.$fmt
	done
	zip_xml $unit.docx
	zip_xml $unit.xlsx
	unzip -p $unit.docx word/document.xml | grep -q "Kết quả thực hiện công tác bình đẳng giới năm 2026" ||
		die "$unit.docx: no title in word/document.xml"
	pdftotext $unit.pdf $unit.pdf.txt
	contains "$(cat $unit.pdf.txt)" "Kết quả thực hiện công tác bình đẳng giới năm 2026" "the PDF's text"
	contains "$(cat $unit.pdf.txt)" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "the PDF's text"
	pdftoppm -r 80 -png -f 1 -l 2 $unit.pdf "$ART/report-$unit-2026"
	compare $unit.html $unit-2026.html
	compare $unit.pdf.txt $unit-2026.pdf.txt
done
contains "$(cat 03390.pdf.txt)" "Bình Lư" "the PDF's text"
contains "$(cat 12.pdf.txt)" "LAI CHÂU" "the PDF's text"
# the decree's page: A4, and the signature block
pdfinfo 03390.pdf | grep -q "595.276 x 841.89 pts (A4)" || die "the PDF is not A4"
contains "$(cat 03390.pdf.txt)" "Nơi nhận:" "the PDF's text"
contains "$(cat 03390.pdf.txt)" "Nguyễn Thị Nhàn" "the PDF's text (the plan's signer)"

parts 03390.docx word/document.xml docProps/core.xml >03390.docx.xml
compare 03390.docx.xml 03390-2026.docx.xml
parts 03390.xlsx xl/workbook.xml xl/sharedStrings.xml xl/worksheets/sheet1.xml xl/worksheets/sheet2.xml \
	xl/worksheets/sheet7.xml xl/charts/chart1.xml >03390.xlsx.xml
compare 03390.xlsx.xml 03390-2026.xlsx.xml
# the matters are counted, their people are in no report
for f in 03390.html 03390.pdf.txt 03390.docx.xml 03390.xlsx.xml 12.html 12.pdf.txt; do
	not_contains "$(cat $f)" "GOLDEN-NAME" "$f"
done
contains "$(cat 03390.html)" "2. Phản ánh, kiến nghị, khiếu nại và tố cáo" "the HTML report"

# numbers in the workbook are numbers: the value of female_wage_workers
# (412 / 1540 and such) is a <v> of a cell without t="s"
unzip -p 03390.xlsx xl/worksheets/sheet3.xml | grep -q '<c r="H3" s="[0-9]*"><v>26\.748' ||
	die "the workbook's values are not numbers"

# escaping: the comment with markup is text everywhere
not_contains "$(cat 03390.html)" "<script>alert" "the HTML report"
contains "$(cat 03390.html)" "&lt;script&gt;alert(1)&lt;/script&gt; &amp; cần theo dõi" "the HTML report"

# English on request, and the same data
expect_ok "$GEMIS" --lang en report --unit 03390 --year 2026 --date 2026-12-02 -o en.html
contains "$(cat en.html)" "Results of gender equality work in 2026" "the English report"
compare en.html 03390-2026.en.html

# the same input gives the same bytes
expect_ok "$GEMIS" --lang vi report --unit 03390 --year 2026 --date 2026-12-02 -o again.docx
cmp -s 03390.docx again.docx || die "two DOCX of the same data differ"
expect_ok "$GEMIS" --lang vi report --unit 03390 --year 2026 --date 2026-12-02 -o again.pdf
cmp -s 03390.pdf again.pdf || die "two PDF of the same data differ"

# reporting completeness
expect_ok "$GEMIS" --lang vi reporting --unit 03390 --year 2026 --as-of 2026-12-02 --json
printf '%s\n' "$out" >r03390.json
jq -e . r03390.json >/dev/null || die "reporting --json is not JSON"
compare r03390.json reporting-03390-2026.json
expect_ok "$GEMIS" --lang vi reporting --unit 24 --year 2026 --as-of 2026-12-02
printf '%s\n' "$out" >r24.txt
compare r24.txt reporting-24-2026.txt
# before the deadline nothing is overdue yet, and what came in later is not in
expect_ok "$GEMIS" --lang vi reporting --unit 03390 --year 2026 --as-of 2026-11-29 --json
[ "$(printf '%s' "$out" | jq '.total.submitted, .total.overdue, .total.pending' | tr '\n' ' ')" = "1 0 7 " ] ||
	die "forms before the deadline: $(printf '%s' "$out" | jq -c .total)"

# every commune of a province in one run
expect_ok "$GEMIS" --lang vi report --unit 12 --year 2026 --format xlsx --all -o all
[ "$(ls all | wc -l)" = 38 ] || die "--all wrote $(ls all | wc -l) reports for 38 communes"
[ -f all/03390-2026.xlsx ] || die "--all: no all/03390-2026.xlsx"
contains "$out" "38"

# errors
expect_fail 2 "$GEMIS" --lang vi report --unit 03390 --year 2026 -o x.odt
expect_fail 1 "$GEMIS" --lang vi report --unit 99999 --year 2026 -o x.pdf
expect_fail 1 "$GEMIS" --lang en report --unit 03390 --year 2026 --all --format pdf -o d
contains "$err" "no sub-units"
