# gemis values export / values import in every exchange format, and the
# agency forms of gemis template, against the golden files of
# tests/golden/exchange/ (UPDATE_GOLDEN=1 rewrites the expected outputs).
# Round trip: a unit's values exported in any format and imported into a
# database with the same plans give the same `gemis progress --json`.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

G=$ROOT/tests/golden/exchange
export SOURCE_DATE_EPOCH=1796169600 # 2026-12-02 00:00 UTC, ADX's `exported`
PLANS=$ROOT/data/demo/plans

compare() {
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$1" "$G/$2"
		return
	fi
	[ -f "$G/$2" ] || die "missing golden file tests/golden/exchange/$2 (run with UPDATE_GOLDEN=1)"
	diff -u "$G/$2" "$1" >&2 || die "$2 differs from the golden file"
}

# fresh NAME: sets $db to a new database (a file, or a PostgreSQL database)
# with the units and the three demo plans, no values
fresh() {
	db=$(new_db "$1")
	expect_ok "$GEMIS" --db "$db" init
	for p in "$PLANS"/*.json; do
		expect_ok "$GEMIS" --db "$db" plan load "$p"
	done
}

count() {
	sql "$1" "SELECT COUNT(*) || ' ' || COALESCE(SUM(value), 0) FROM datavalues; SELECT COUNT(*) FROM value_audit"
}

# the main database: the units, the plans and the values of values.csv
A=gemis.db
on_pg && A=$GEMIS_DB
expect_ok "$GEMIS" init
for p in "$PLANS"/*.json; do
	expect_ok "$GEMIS" plan load "$p"
done
expect_ok "$GEMIS" values import "$G/values.csv"

# every format, as documented at the top of its writer
for f in csv adx dhis2 sdmx; do
	expect_ok "$GEMIS" --db "$A" values export --unit 12 --format $f -o out.$f
	contains "$err" "exported 14 values of Lai Châu"
	compare out.$f values.$f.out
done
# with a code map, the other system's codes
for f in adx dhis2 sdmx; do
	expect_ok "$GEMIS" --db "$A" values export --unit 12 --format $f --map "$G/map.csv" -o map.$f
	compare map.$f values.map.$f.out
done
# a year, a unit below, standard output, the format from the extension
expect_ok "$GEMIS" --db "$A" values export --unit 03394 --year 2026 -o -
[ "$(printf '%s\n' "$out" | wc -l)" = 3 ] || die "--unit 03394 --year 2026 exported: $out"
expect_ok "$GEMIS" --db "$A" values export --unit 03390 --year 2025 -o y.json
[ "$(jq '.dataValues | length' y.json)" = 2 ] || die "--year 2025 in DHIS2"

# SDMX-CSV: CRLF line ends, as the specification's examples (regression)
awk '!/\r$/ { bad = 1 } END { exit bad }' out.sdmx || die "SDMX-CSV has lines without CRLF"

# fits DSD CSV: every row of the SDMX-CSV file CSV fits the structure DSD
# published by --format sdmx-structure: the dataflow, each coded
# dimension's code in its codelist (read from the DSD, not assumed), the
# time period of the row's frequency, a decimal observation
fits() {
	xmllint --noout "$1" || die "$1 is not well-formed"
	x() { xmllint --xpath "$1" "$dsd" 2>/dev/null; }
	dsd=$1
	df=$(x 'string(//*[local-name()="Dataflow"]/@agencyID)'):$(x 'string(//*[local-name()="Dataflow"]/@id)')\($(x 'string(//*[local-name()="Dataflow"]/@version)')\)
	awk -F, -v df="$df" 'NR > 1 && $1 != df { print "dataflow " $1; exit 1 }' "$2" || die "$2: a row of another dataflow than $df"
	head -1 "$2" | tr -d '\r' | tr , '\n' >cols
	i=1
	while dim=$(x "string(//*[local-name()=\"Dimension\"][@position=\"$i\"]/@id)") && [ -n "$dim" ]; do
		cl=$(x "string(//*[local-name()=\"Dimension\"][@position=\"$i\"]//*[local-name()=\"Enumeration\"]/Ref/@id)")
		col=$(grep -n -x "$dim" cols | cut -d: -f1)
		[ -n "$col" ] || die "$2 has no column for the dimension $dim"
		x "//*[local-name()=\"Codelist\"][@id=\"$cl\"]/*[local-name()=\"Code\"]/@id" |
			sed 's/^ *id="\(.*\)"$/\1/' | sort -u >codes
		[ -s codes ] || die "$1: codelist $cl is empty"
		tail -n +2 "$2" | tr -d '\r' | cut -d, -f"$col" | sort -u >used
		comm -23 used codes | grep . && die "$2: $dim codes not in $cl"
		i=$((i + 1))
	done
	[ "$i" -gt 5 ] || die "$1: only $((i - 1)) coded dimensions"
	# the observation's attributes: a column each, its codes in its codelist
	nattr=0
	for att in $(x '//*[local-name()="AttributeList"]/*[local-name()="Attribute"]/@id' | sed 's/^ *id="\(.*\)"$/\1/'); do
		cl=$(x "string(//*[local-name()=\"Attribute\"][@id=\"$att\"]//*[local-name()=\"Enumeration\"]/Ref/@id)")
		col=$(grep -n -x "$att" cols | cut -d: -f1)
		[ -n "$col" ] || die "$2 has no column for the attribute $att"
		x "//*[local-name()=\"Codelist\"][@id=\"$cl\"]/*[local-name()=\"Code\"]/@id" |
			sed 's/^ *id="\(.*\)"$/\1/' | sort -u >codes
		tail -n +2 "$2" | tr -d '\r' | cut -d, -f"$col" | sort -u >used
		comm -23 used codes | grep . && die "$2: $att codes not in $cl"
		nattr=$((nattr + 1))
	done
	[ "$nattr" = 3 ] || die "$1: $nattr attributes, not UNIT_MULT, OBS_STATUS, CONF_STATUS"
	[ "$(x 'string(//*[local-name()="TimeDimension"]/@id)')" = TIME_PERIOD ] || die "$1: no TIME_PERIOD"
	[ "$(x 'string(//*[local-name()="PrimaryMeasure"]/@id)')" = OBS_VALUE ] || die "$1: no OBS_VALUE"
	tail -n +2 "$2" | tr -d '\r' | awk -F, '
		$2 == "A" && $7 !~ /^[0-9][0-9][0-9][0-9]$/ ||
		$2 == "Q" && $7 !~ /^[0-9][0-9][0-9][0-9]-Q[1-4]$/ ||
		$2 == "M" && $7 !~ /^[0-9][0-9][0-9][0-9]-(0[1-9]|1[0-2])$/ ||
		$8 !~ /^-?[0-9]+(\.[0-9]+)?$/ && !($8 == "" && $10 == "O" && $11 == "C") ||
		$8 == "" && $5 != "IND" { print; bad = 1 } END { exit bad }' ||
		die "$2: a time period or value that does not fit"
}
expect_ok "$GEMIS" --db "$A" values export --unit 12 --format sdmx-structure -o dsd.xml
contains "$err" "structure of the SDMX dataflow for Lai Châu"
fits dsd.xml out.sdmx
# with a code map, the structure carries the same codes as the data
expect_ok "$GEMIS" --db "$A" values export --unit 12 --format sdmx-structure --map "$G/map.csv" -o dsd.map.xml
fits dsd.map.xml map.sdmx
grep -q 'id="OU_BinhLu01"' dsd.map.xml || die "the structure's areas are not mapped"

# round trip through each readable format, strictly (no demo data here)
n=0
for f in csv adx dhis2; do
	n=$((n + 1))
	fresh rt$n
	expect_ok "$GEMIS" --db "$db" values import --format $f out.$f
	contains "$out" "imported 14 values: 14 new"
	for u in 12 03390 03394; do
		for y in 2025 2026; do
			"$GEMIS" --db "$A" progress --unit $u --year $y --json >p1.json
			"$GEMIS" --db "$db" progress --unit $u --year $y --json >p2.json
			cmp -s p1.json p2.json || { diff p1.json p2.json | head >&2; die "round trip through $f: progress of $u in $y differs"; }
		done
	done
done
# and through the code map
fresh mapped
expect_ok "$GEMIS" --db "$db" values import --map "$G/map.csv" map.adx
expect_ok "$GEMIS" --db "$db" values import --map "$G/map.csv" --format dhis2 map.dhis2
contains "$out" "0 new, 0 changed, 14 unchanged"
[ "$(count gemis.db | head -1)" = "$(count "$db" | head -1)" ] || die "values after the mapped round trip"
# maps are per format: the map's DHIS2 id for the totals is written in
# DHIS2 files only (regression: ADX wrote SEX="HllvX50cXC0" on every total)
grep -q '"categoryOptionCombo": "HllvX50cXC0", "value": "412"' map.dhis2 || die "the DHIS2 line of the map was not used"
! grep -q HllvX50cXC0 map.adx || die "a DHIS2 line of the map leaked into ADX"
# a DHIS2 export as DHIS2 writes it, with its default ids: totals
fresh defaults
expect_ok "$GEMIS" --db "$db" values import --map "$G/map.csv" "$G/dhis2-default-ids.json"
contains "$out" "imported 3 values: 3 new"
[ "$(sql "$db" "SELECT COUNT(*) FROM datavalues WHERE sex = 'T'")" = 2 ] || die "DHIS2's default combination is not the total"

# the demo: a province's values in each format give the same progress (the
# case register's indicators aside: their suppression of small counts runs
# over the whole tree, so a province alone can show figures that the
# national database must hide; docs/cases.md)
noreg='del(.demo) | .indicators |= map(select(.indicator | test("^(dv_victims_supported|dv_perpetrators_counseled|trafficking_returnees_supported)$") | not))'
DEMO=$(new_db demo)
expect_ok "$GEMIS" --db "$DEMO" demo
for f in adx dhis2 csv; do
	expect_ok "$GEMIS" --db "$DEMO" values export --unit 24 --format $f -o demo.$f
	fresh demo_$f
	expect_ok "$GEMIS" --db "$db" values import --format $f demo.$f
	for u in 24 09385; do
		"$GEMIS" --db "$DEMO" progress --unit $u --year 2026 --json | jq -S "$noreg" >p1.json
		"$GEMIS" --db "$db" progress --unit $u --year 2026 --json | jq -S "$noreg" >p2.json
		[ "$(jq '.indicators | length' p1.json)" -gt 15 ] || die "the comparison lost its indicators"
		cmp -s p1.json p2.json || die "demo round trip through $f: progress of $u differs"
	done
done

# a province's SDMX-CSV of every period fits its structure
expect_ok "$GEMIS" --db "$DEMO" values export --unit 24 --format sdmx -o demo.sdmx
expect_ok "$GEMIS" --db "$DEMO" values export --unit 24 --format sdmx-structure -o demo.dsd.xml
[ "$(wc -l <demo.sdmx)" -gt 100 ] || die "the demo's SDMX-CSV is too small to tell"
fits demo.dsd.xml demo.sdmx

# its computed values (VALUE_PART IND) are the values `gemis progress`
# shows, by sex too; a value progress hides (the register's suppression)
# is never published, only marked withheld (OBS_STATUS O, CONF_STATUS C);
# every value progress shows is there
computed() { # DB UNIT YEAR SDMX
	"$GEMIS" --db "$1" progress --unit "$2" --year "$3" --json |
		jq -r '.indicators[] | . as $i | ([$i.indicator, "_T", ($i.value // "-")],
			(($i.by_sex // {}) | to_entries[] | [$i.indicator, .key, (.value // "-")])) | @tsv' | sort >p.tsv
	tr -d '\r' <"$4" | awk -F, -v OFS='\t' -v u="$2" -v y="$3" '$3 == u && $5 == "IND" && $7 == y {
		print $4, $6, ($10 == "O" ? "-" : $8) }' | sort >s.tsv
	[ "$(wc -l <s.tsv)" -gt 10 ] || die "$4: too few computed values of $2 in $3 to tell"
	awk -F'\t' 'NR == FNR { p[$1 FS $2] = $3; next }
		!(($1 FS $2) in p) { print "not in progress: " $0; bad = 1; next }
		$3 != "-" && (p[$1 FS $2] == "-" || (p[$1 FS $2] - $3) ^ 2 > 1e-8) { print "differs: " $0 " vs " p[$1 FS $2]; bad = 1 }
		{ seen[$1 FS $2] = 1 }
		END { for (k in p) if (p[k] != "-" && !(k in seen)) { print "missing: " k; bad = 1 } exit bad }' p.tsv s.tsv ||
		die "$4: the computed values of $2 in $3 are not what progress shows"
}
reg='dv_victims_supported|dv_perpetrators_counseled|trafficking_returnees_supported'
for u in 24 09385; do
	computed "$DEMO" $u 2026 demo.sdmx
done
grep -q ',IND,.*,O,C' demo.sdmx || die "the demo has no withheld computed value to check"
grep -E ",($reg),IND," demo.sdmx | grep -q ',A,F' || die "no computed value of the register is published to check"
expect_ok "$GEMIS" --db "$DEMO" values export --unit 24 --format sdmx --include-small-counts -o demo-all.sdmx
! grep -q ',O,C' demo-all.sdmx || die "--include-small-counts withheld computed values"
# a withheld value is withheld for every sex, as the parts are
tr -d '\r' <demo.sdmx | awk -F, '$5 == "IND" { k = $3 FS $4 FS $7; s[k] = s[k] $10 } END {
	for (k in s) if (s[k] ~ /O/ && s[k] ~ /A/) { print k; bad = 1 } exit bad }' ||
	die "a computed value withheld for one sex and not another"

# the violence indicators' small counts are not published by an export: a
# (unit, period, indicator) with a count of 1 to 4, or one the register's
# suppression hides, goes whole; --include-small-counts exports everything
expect_ok "$GEMIS" --db "$DEMO" values export --unit 24 -o pub.csv
contains "$err" "Withheld"
withheld=$(printf '%s\n' "$err" | sed -n 's/^Withheld \([0-9]*\) value.*/\1/p')
expect_ok "$GEMIS" --db "$DEMO" values export --unit 24 --include-small-counts -o all.csv
case "$err" in *Withheld*) die "--include-small-counts withheld values" ;; esac
[ $(($(wc -l <all.csv) - $(wc -l <pub.csv))) = "$withheld" ] || die "withheld $withheld, but the files differ otherwise"
grep -E ",($reg)," all.csv | awk -F, '$6 >= 1 && $6 < 5' | grep -q . || die "the demo has no small count to withhold"
! grep -E ",($reg)," pub.csv | awk -F, '$6 >= 1 && $6 < 5' | grep . || die "a count under 5 was exported"
# what is kept of a register indicator is kept whole: every part and sex
groups() { grep -E ",($reg)," "$1" | awk -F, '{print $1","$2","$3}' | sort | uniq -c; }
groups pub.csv >g.pub
groups all.csv >g.all
[ -s g.pub ] && comm -23 g.pub g.all | grep . && die "a register indicator's group was exported in part"
grep -E ",($reg)," pub.csv | grep -q . || die "nothing of the register indicators is left to check"
# other indicators are untouched
[ "$(grep -v -E ",($reg)," pub.csv)" = "$(grep -v -E ",($reg)," all.csv)" ] || die "other indicators were withheld"
# quarters and months of those indicators are never published: the year
# minus the other quarters would give a withheld quarter back (regression)
printf '%s\n' 'unit,period,indicator,part,sex,value' \
	'07210,2027,dv_victims_supported,num,F,20' '07210,2027,dv_victims_supported,den,F,40' \
	'07210,2027,dv_victims_supported,num,M,20' '07210,2027,dv_victims_supported,den,M,40' \
	'07210,2027Q1,dv_victims_supported,num,F,2' '07210,2027Q1,dv_victims_supported,den,F,10' \
	'07210,2027Q2,dv_victims_supported,num,F,6' '07210,2027Q2,dv_victims_supported,den,F,10' \
	'07210,2027Q3,dv_victims_supported,num,F,6' '07210,2027Q3,dv_victims_supported,den,F,10' \
	'07210,2027Q4,dv_victims_supported,num,F,6' '07210,2027Q4,dv_victims_supported,den,F,10' >quarters.csv
expect_ok "$GEMIS" --db "$DEMO" values import quarters.csv
expect_ok "$GEMIS" --db "$DEMO" values export --unit 07210 --year 2027 -o q.csv
! grep -E ',2027Q[1-4],dv_' q.csv || die "a quarter of a violence indicator was exported"
expect_ok "$GEMIS" --db "$DEMO" values export --unit 07210 --year 2027 --include-small-counts -o qall.csv
[ "$(grep -c -E ',2027Q[1-4],dv_' qall.csv)" = 8 ] || die "--include-small-counts lost the quarters"

# every problem with its position, nothing written
before=$(count gemis.db)
expect_fail 1 "$GEMIS" --db "$A" values import "$G/bad.adx.xml"
printf '%s\n' "$err" | sed "s|$G/||" >bad.adx.err
compare bad.adx.err bad.adx.err
expect_fail 1 "$GEMIS" --db "$A" values import "$G/bad.dhis2.json"
printf '%s\n' "$err" | sed "s|$G/||" >bad.dhis2.err
compare bad.dhis2.err bad.dhis2.err
expect_fail 1 "$GEMIS" --db "$A" values import "$G/form-bad.xlsx"
printf '%s\n' "$err" | sed "s|$G/||" >form-bad.err
compare form-bad.err form-bad.err
# breakdowns gemis does not hold are refused, named, never summed: the
# IHE sample's two mechanisms for one unit and period (regression: they
# went in as the unit's totals), a value by age group
expect_fail 1 "$GEMIS" --db "$A" values import "$G/ihe-mechanisms.adx.xml"
contains "$err" 'ihe-mechanisms.adx.xml:7: mechanism: mechanism="PEPFAR"'
contains "$err" 'ihe-mechanisms.adx.xml:12: mechanism: mechanism="OTHER"'
contains "$err" 'ihe-mechanisms.adx.xml:15: AGE_GROUP: AGE_GROUP="under_15"'
contains "$err" "3 problems found; nothing was imported"
# entities are refused before anything is read
expect_fail 1 "$GEMIS" --db "$A" values import "$G/entities.adx.xml"
contains "$err" "DOCTYPE"
printf 'not json' >x.json
expect_fail 1 "$GEMIS" --db "$A" values import x.json
contains "$err" "line 1"
[ "$(count gemis.db)" = "$before" ] || die "a refused import changed the database"

# --dry-run counts and writes nothing
expect_ok "$GEMIS" --db "$A" values import --dry-run "$G/form-filled.xlsx"
contains "$out" "would import 10 values: 10 new"
[ "$(count gemis.db)" = "$before" ] || die "--dry-run wrote"

# the agency form: a valid workbook of the plan's indicators for the agency
expect_ok "$GEMIS" --db "$A" template --unit 03390 --agency yte --year 2026 -o form.xlsx
contains "$out" "12 values to fill in"
unzip -tq form.xlsx >/dev/null || die "the form is not a zip"
rm -rf x && mkdir x && (cd x && unzip -q ../form.xlsx)
for part in $(cd x && find . -name '*.xml' -o -name '*.rels'); do
	xmllint --noout "x/$part" || die "form.xlsx: $part is not well-formed"
done
grep -q '<sheetProtection' x/xl/worksheets/sheet1.xml || die "the form's sheet is not protected"
grep -q 'hidden="1"' x/xl/worksheets/sheet1.xml || die "the form's code columns are not hidden"
# the same form as the one committed (filled in by hand from it), in Vietnamese
expect_ok "$GEMIS" --db "$A" --lang vi template --unit 03390 --agency yte --year 2026 -o form-vi.xlsx
unzip -p form-vi.xlsx xl/sharedStrings.xml | xmllint --format - >form.strings.xml
compare form.strings.xml form.strings.xml
# an empty form imports nothing and finds nothing wrong
expect_ok "$GEMIS" --db "$A" values import form.xlsx
contains "$out" "imported 0 values"
# the form filled in is read back
expect_ok "$GEMIS" --db "$A" values import "$G/form-filled.xlsx" --as yte1
contains "$out" "imported 10 values: 10 new"
[ "$(sql gemis.db "SELECT CAST(value AS INTEGER) FROM datavalues d JOIN units u ON u.id = d.unit_id WHERE u.code = '03390' AND indicator = 'sex_ratio_at_birth' AND period = '2026' AND part = 'num'")" = 120 ] ||
	die "the form's sex ratio"
[ "$(sql gemis.db "SELECT COUNT(*) FROM value_audit WHERE changed_by = 'yte1'")" = 10 ] || die "the form's audit"
# an agency the plan gives no indicator, a unit without a plan
expect_fail 1 "$GEMIS" --db "$A" template --unit 03390 --agency vanphong --year 2026 -o v.xlsx
contains "$err" "ties no indicator to vanphong"
expect_fail 1 "$GEMIS" --db "$A" template --unit 03394 --agency yte --year 2026 -o v.xlsx
contains "$err" "has no plan in force"
expect_fail 2 "$GEMIS" --db "$A" template --unit 03390 --agency nobody --year 2026 -o v.xlsx
expect_fail 2 "$GEMIS" --db "$A" values export --unit 12 -o out.txt
expect_fail 2 "$GEMIS" --db "$A" values import --format sdmx out.sdmx
