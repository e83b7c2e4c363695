# The yearly report as XLSX: in Vietnamese no code shows where a word is
# due (the target's direction, who set it, a form's status: regression,
# "at_least" was written), and its totals are formulas over the cells they
# add up (regression: typed-in numbers), each with the sum as its cached
# value, so that the file opens with the right figures and a corrected cell
# corrects its total.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

export SOURCE_DATE_EPOCH=1796169600
expect_ok "$GEMIS" demo --forms
expect_ok "$GEMIS" --lang vi report --unit 03390 --year 2026 --date 2026-12-02 -o commune.xlsx
expect_ok "$GEMIS" --lang vi report --unit 12 --year 2026 --date 2026-12-02 -o province.xlsx

cat >sums.mjs <<'JS'
// node sums.mjs DIR: every <f>SUM(A1:B2)</f> of every sheet has the sum of
// its range's numbers as its cached <v>; prints the count of formulas
import { readFileSync, readdirSync } from "node:fs";
const dir = process.argv[2];
const col = (s) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
let formulas = 0, bad = 0;
for (const f of readdirSync(dir).filter((n) => /^sheet\d+\.xml$/.test(n))) {
  const xml = readFileSync(`${dir}/${f}`, "utf8");
  const cells = new Map();
  for (const m of xml.matchAll(/<c r="([A-Z]+)(\d+)"[^>]*?(?:\/>|>(.*?)<\/c>)/g)) {
    const v = /<v>([^<]*)<\/v>/.exec(m[3] || "");
    const fm = /<f>([^<]*)<\/f>/.exec(m[3] || "");
    const isStr = /t="s"/.test(m[0]);
    cells.set(`${m[1]}${m[2]}`, { c: col(m[1]), r: +m[2], v: v && !isStr ? Number(v[1]) : null, f: fm && fm[1] });
  }
  for (const [ref, x] of cells) {
    if (!x.f) continue;
    formulas++;
    const m = /^SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$/.exec(x.f);
    if (!m) { console.log(`${f} ${ref}: ${x.f} is not a SUM of a range`); bad++; continue; }
    let sum = 0, n = 0;
    for (const y of cells.values()) {
      if (y.c >= col(m[1]) && y.c <= col(m[3]) && y.r >= +m[2] && y.r <= +m[4] && y.v !== null) { sum += y.v; n++; }
    }
    if (n === 0 || sum !== x.v) { console.log(`${f} ${ref}: ${x.f} caches ${x.v}, the cells add up to ${sum} (${n} numbers)`); bad++; }
  }
}
console.log(formulas);
process.exit(bad ? 1 : 0);
JS

for f in commune province; do
	rm -rf x && mkdir x && (cd x && unzip -q "../$f.xlsx")
	# words in the sheets' language: no code of a direction, a status or a
	# form's state among the strings
	codes=$(grep -o -E '<t[^>]*>(at_least|at_most|achieve|achieved|on_track|at_risk|off_track|insufficient_data|no_data|no_target|draft|submitted|approved|returned)</t>' \
		x/xl/sharedStrings.xml | head -5)
	[ -z "$codes" ] || die "$f.xlsx shows codes: $codes"
	grep -q '<t[^>]*>tối thiểu</t>' x/xl/sharedStrings.xml || die "$f.xlsx: no 'tối thiểu' for a target's direction"
	expect_ok node sums.mjs x/xl/worksheets
	# the summary's 6 goal totals and 7 column totals, the reporting
	# sheet's 6 totals over the agencies
	[ "$out" -ge 19 ] || die "$f.xlsx has $out total formulas, not 19"
done
# who set a target, by name: the commune's plan, the national strategy
unzip -p commune.xlsx xl/sharedStrings.xml | grep -q '<t[^>]*>Xã Bình Lư</t>' || die "commune.xlsx: its plan's targets' setter is not named"
grep -q '<t[^>]*>Việt Nam</t>' x/xl/sharedStrings.xml || die "province.xlsx: the national targets' setter is not named"
# a form's state in words (the province's forms include approved ones)
grep -q '<t[^>]*>đã duyệt</t>' x/xl/sharedStrings.xml || die "province.xlsx: a form's status is not in words"
