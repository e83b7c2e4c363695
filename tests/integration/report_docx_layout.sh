# The DOCX report as LibreOffice lays it out matches gemis's own PDF: the
# DOCX is converted to PDF by LibreOffice (soffice --headless), both PDFs'
# lines are located with pdftotext -bbox-layout and the DOCX's rules with
# pdftocairo -svg, and the positions are compared (in points, 1 mm = 2.83):
#   - the header blocks are centred on themselves: "ỦY BAN NHÂN DÂN" over
#     "XÃ BÌNH LƯ", the national name over the motto, each within 1.5 pt,
#     and where the PDF puts them (within 3 pt);
#   - each short rule is under its line, clear of it (below its lowest
#     descender: not an underline) and above the next, and centred on it:
#     the issuer's, the motto's, the title's;
#   - the title is centred on the text area, as in the PDF;
#   - "Nơi nhận:" starts at the 30 mm left margin; "KT. CHỦ TỊCH" and
#     "PHÓ CHỦ TỊCH" are centred on each other, as in the PDF.
# (Regression: every block inherited the body's 1 cm first-line indent.)
# Without LibreOffice (./dev setup installs libreoffice-writer) the test is
# skipped with a message.
. "$ROOT/tests/integration/lib.sh"

if ! command -v soffice >/dev/null 2>&1; then
	echo "skip: soffice (LibreOffice) is not installed; ./dev setup installs libreoffice-writer"
	exit 77
fi
export SOURCE_DATE_EPOCH=1796169600
expect_ok "$GEMIS" demo
expect_ok "$GEMIS" --lang vi report --unit 03390 --year 2026 --date 2026-12-02 -o r.docx
expect_ok "$GEMIS" --lang vi report --unit 03390 --year 2026 --date 2026-12-02 -o r.pdf
# a profile of its own: no user's settings, no lock shared with a running
# LibreOffice
timeout 300 soffice -env:UserInstallation="file://$PWD/lo-profile" --headless --norestore \
	--convert-to pdf --outdir lo r.docx >lo.log 2>&1 || { cat lo.log >&2; die "LibreOffice could not convert r.docx"; }
[ -s lo/r.pdf ] || { cat lo.log >&2; die "LibreOffice wrote no PDF"; }

# lines FILE.pdf: one line of text a row: page, xMin, yMin, xMax, yMax, text
lines() {
	pdftotext -bbox-layout "$1" - | awk '
		/<page / { page++ }
		/<line / {
			match($0, /xMin="[0-9.]+"/); x0 = substr($0, RSTART + 6, RLENGTH - 7)
			match($0, /yMin="[0-9.]+"/); y0 = substr($0, RSTART + 6, RLENGTH - 7)
			match($0, /xMax="[0-9.]+"/); x1 = substr($0, RSTART + 6, RLENGTH - 7)
			match($0, /yMax="[0-9.]+"/); y1 = substr($0, RSTART + 6, RLENGTH - 7)
			text = ""
		}
		/<word / { w = $0; sub(/^.*">/, "", w); sub(/<\/word>.*$/, "", w); text = text (text == "" ? "" : " ") w }
		/<\/line>/ { printf "%d\t%s\t%s\t%s\t%s\t%s\n", page, x0, y0, x1, y1, text }'
}
lines lo/r.pdf >lo.lines
lines r.pdf >pdf.lines
grep -q "ỦY BAN NHÂN DÂN" lo.lines || die "LibreOffice's PDF has no text layer"

# at FILE TEXT: "xMin yMin xMax yMax" of the first line that is TEXT
at() {
	awk -F '\t' -v t="$2" '$6 == t { print $2, $3, $4, $5; exit }' "$1"
}
# centre FILE TEXT
centre() {
	at "$1" "$2" | awk '{ printf "%.2f\n", ($1 + $3) / 2 }'
}
# near A B TOL: |A - B| <= TOL
near() {
	awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'
}
expect_line() {
	[ -n "$(at "$1" "$2")" ] || { cut -f6 "$1" | head -40 >&2; die "$1: no line '$2'"; }
}

for t in "ỦY BAN NHÂN DÂN" "XÃ BÌNH LƯ" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" \
	"BÁO CÁO" "Nơi nhận:" "KT. CHỦ TỊCH" "PHÓ CHỦ TỊCH"; do
	expect_line lo.lines "$t"
	expect_line pdf.lines "$t"
done

# blocks centred on themselves, in LibreOffice and in the PDF
same_centre() {
	a=$(centre "$1" "$2")
	b=$(centre "$1" "$3")
	near "$a" "$b" 1.5 || die "$1: '$2' (centre $a pt) and '$3' (centre $b pt) are not centred on each other"
}
for f in lo.lines pdf.lines; do
	same_centre $f "ỦY BAN NHÂN DÂN" "XÃ BÌNH LƯ"
	same_centre $f "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc"
	same_centre $f "KT. CHỦ TỊCH" "PHÓ CHỦ TỊCH"
done
# where the PDF puts them
for t in "ỦY BAN NHÂN DÂN" "XÃ BÌNH LƯ" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" \
	"BÁO CÁO" "KT. CHỦ TỊCH"; do
	a=$(centre lo.lines "$t")
	b=$(centre pdf.lines "$t")
	near "$a" "$b" 3 || die "'$t' is centred at $a pt in the DOCX, at $b pt in the PDF"
done
# the title on the text area: 30 mm to 195 mm
near "$(centre lo.lines "BÁO CÁO")" 318.9 1.5 || die "the title is not centred on the text area"
# "Nơi nhận:" at the 30 mm margin (85.04 pt)
for f in lo.lines pdf.lines; do
	x=$(at $f "Nơi nhận:" | cut -d' ' -f1)
	near "$x" 85.04 1.5 || die "$f: 'Nơi nhận:' starts at $x pt, not at the 30 mm margin (85 pt)"
done

# rules of page 1: black horizontal strokes shorter than the text area, as
# "x0 x1 y" in the page's coordinates (y down)
pdftocairo -svg -f 1 -l 1 lo/r.pdf p1.svg
awk '/<path/ && /fill:none/ && /stroke:rgb\(0%,0%,0%\)/ {
		if (!match($0, /d="M [-0-9.]+ [-0-9.]+ L [-0-9.]+ [-0-9.]+ "/)) next
		split(substr($0, RSTART + 3, RLENGTH - 4), p, " ")
		a = 1; dd = 1; e = 0; f = 0
		if (match($0, /transform="matrix\([^)]*\)"/)) {
			split(substr($0, RSTART + 18, RLENGTH - 20), m, ",")
			a = m[1]; dd = m[4]; e = m[5]; f = m[6]
		}
		x0 = a * p[2] + e; x1 = a * p[5] + e; y0 = dd * p[3] + f; y1 = dd * p[6] + f
		if (x0 > x1) { t = x0; x0 = x1; x1 = t }
		if (y0 - y1 < 0.1 && y1 - y0 < 0.1 && x1 - x0 > 20 && x1 - x0 < 300)
			printf "%.2f %.2f %.2f\n", x0, x1, y0
	}' p1.svg | sort -u >rules
[ -s rules ] || die "no rule found on page 1 of LibreOffice's PDF"
# rule_under TEXT NEXT: a rule centred on TEXT's line, between it and NEXT
rule_under() {
	set -- "$1" "$2" "$(at lo.lines "$1")" "$(at lo.lines "$2")"
	awk -v l="$3" -v n="$4" -v t="$1" '
		BEGIN { split(l, a, " "); split(n, b, " "); c = (a[1] + a[3]) / 2 }
		{ rc = ($1 + $2) / 2; d = rc - c; if (d < 0) d = -d
		  if (d <= 1.5 && $3 > a[4] && $3 < b[2]) found = 1 }
		END { if (!found) { printf "no rule under \"%s\" (centre %.1f, between y %.1f and %.1f); rules:\n", t, c, a[4], b[2] > "/dev/stderr"; exit 1 } }' rules ||
		{ cat rules >&2; die "the rule under '$1' is not under it"; }
}
rule_under "XÃ BÌNH LƯ" "Số: .../BC-UBND"
rule_under "Độc lập - Tự do - Hạnh phúc" "$(awk -F '\t' '$6 ~ /^Bình Lư, ngày/ { print $6; exit }' lo.lines)"
title=$(awk -F '\t' 'f { print $6; exit } $6 == "BÁO CÁO" { f = 1 }' lo.lines)
next_line=$(awk -F '\t' -v t="$title" 'f { print $6; exit } $6 == t { f = 1 }' lo.lines)
rule_under "$title" "$next_line"
