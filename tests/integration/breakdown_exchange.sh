# Breakdowns beyond sex (issue 17) in every exchange format: values of the
# series of primary_completion by ethnic group and by area, exported as CSV,
# ADX, DHIS2 and SDMX-CSV (and as an XLSX workbook of the CSV's columns),
# import into a fresh database broken down the same way with the same
# rows.  ADX and DHIS2 carry a series as its parent's data element and its
# category (ethnicity="minority", F_ethnicity_minority); a category or a
# breakdown the indicator has no series for is refused with its place.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

export SOURCE_DATE_EPOCH=1796169600

# broken DB: primary_completion broken down by ethnicity and by area
broken() {
	expect_ok "$GEMIS" --db "$1" init
	expect_ok "$GEMIS" --db "$1" indicator breakdown primary_completion ethnicity
	expect_ok "$GEMIS" --db "$1" indicator breakdown primary_completion area
}
# rows DB: every stored value, one a line, sorted
rows() {
	sql "$1" "SELECT u.code || ',' || d.period || ',' || d.indicator || ',' || d.part || ',' || d.sex || ',' ||
		CAST(d.value AS INTEGER) FROM datavalues d JOIN units u ON u.id = d.unit_id" | sort
}

A=gemis.db
on_pg && A=$GEMIS_DB
broken "$A"
cat >series.csv <<'CSV'
unit,period,indicator,part,sex,value
03390,2026,primary_completion,num,F,95
03390,2026,primary_completion,den,F,110
03390,2026,primary_completion__ethnicity_minority,num,F,40
03390,2026,primary_completion__ethnicity_minority,den,F,50
03390,2026,primary_completion__ethnicity_minority,num,M,38
03390,2026,primary_completion__ethnicity_minority,den,M,52
03390,2026,primary_completion__ethnicity_kinh,num,F,55
03390,2026,primary_completion__ethnicity_kinh,den,F,60
03390,2026,primary_completion__area_rural,num,T,70
03390,2026,primary_completion__area_rural,den,T,80
03394,2026,primary_completion__area_urban,num,F,12
03394,2026,primary_completion__area_urban,den,F,15
03394,2025,primary_completion__ethnicity_minority,num,M,9
03394,2025,primary_completion__ethnicity_minority,den,M,11
CSV
expect_ok "$GEMIS" values import series.csv
contains "$out" "imported 14 values: 14 new"
rows gemis.db >want
[ "$(wc -l <want)" = 14 ] || die "the series' values were not stored: $(cat want)"

G=$ROOT/tests/golden/exchange
for f in csv adx dhis2 sdmx; do
	expect_ok "$GEMIS" --db "$A" values export --unit 12 --format $f -o out.$f
	contains "$err" "exported 14 values"
	# the same bytes as the golden file (UPDATE_GOLDEN=1 rewrites it)
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		cp out.$f "$G/series.$f.out"
	else
		diff -u "$G/series.$f.out" out.$f >&2 || die "out.$f differs from tests/golden/exchange/series.$f.out"
	fi
done
# ADX and DHIS2: the parent's element and the category, never the series' id
! grep -q '__' out.adx || die "ADX names a series by its id: $(grep __ out.adx)"
grep -q '<dataValue dataElement="primary_completion.num" sex="F" ethnicity="minority" value="40"/>' out.adx ||
	die "ADX: no ethnicity attribute: $(cat out.adx)"
grep -q '<dataValue dataElement="primary_completion.den" area="rural" value="80"/>' out.adx ||
	die "ADX: a series' total"
! grep -q '__' out.dhis2 || die "DHIS2 names a series by its id"
[ "$(jq -r '.dataValues[] | select(.value == "40") | .dataElement + " " + .categoryOptionCombo' out.dhis2)" = \
	"primary_completion.num F_ethnicity_minority" ] || die "DHIS2: the combination of sex and category"
[ "$(jq -r '.dataValues[] | select(.value == "80") | .categoryOptionCombo' out.dhis2)" = area_rural ] ||
	die "DHIS2: a series' total"
# CSV and SDMX-CSV: the series' own id (SDMX: a code of CL_INDICATOR)
grep -q '^03390,2026,primary_completion__ethnicity_minority,num,F,40$' out.csv || die "CSV: the series' id"
grep -q ',03390,primary_completion__ethnicity_minority,NUM,F,2026,40,' out.sdmx || die "SDMX-CSV: the series' id"
expect_ok "$GEMIS" --db "$A" values export --unit 12 --format sdmx-structure -o dsd.xml
for s in ethnicity_kinh ethnicity_minority area_urban area_rural; do
	grep -q "<str:Code id=\"primary_completion__$s\">" dsd.xml || die "CL_INDICATOR lacks primary_completion__$s"
done

# csv2xlsx CSV XLSX: a workbook of one sheet holding the CSV's cells as text
# but the value, as an officer would type it (values_xlsx.c reads it)
csv2xlsx() {
	python3 - "$1" "$2" <<'PY'
import csv, sys, zipfile
from xml.sax.saxutils import escape
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
def col(i): return "ABCDEFGHIJ"[i]
out = []
for r, row in enumerate(rows, 1):
    cells = []
    for i, v in enumerate(row):
        ref = "%s%d" % (col(i), r)
        if r > 1 and i == 5:
            cells.append('<c r="%s"><v>%s</v></c>' % (ref, v))
        else:
            cells.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(v)))
    out.append('<row r="%d">%s</row>' % (r, "".join(cells)))
sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<sheetData>%s</sheetData></worksheet>' % "".join(out))
z = zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)
z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="values" sheetId="1" r:id="rId1"/></sheets></workbook>')
z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
z.writestr("xl/worksheets/sheet1.xml", sheet)
z.close()
PY
}
csv2xlsx out.csv out.xlsx
# SDMX-CSV is not read back: its parts, turned into gemis's CSV, are
tr -d '\r' <out.sdmx | awk -F, 'NR == 1 { print "unit,period,indicator,part,sex,value"; next }
	$5 != "IND" { p = $7; sub(/-Q/, "Q", p); s = $6 == "_T" ? "T" : $6
		print $3 "," p "," $4 "," tolower($5) "," s "," $8 }' >sdmx.csv

# round trip: each file into a fresh database broken down the same way
n=0
for f in csv adx dhis2 xlsx sdmx; do
	n=$((n + 1))
	db=$(new_db rt$n)
	broken "$db"
	file=out.$f
	[ $f = sdmx ] && file=sdmx.csv
	expect_ok "$GEMIS" --db "$db" values import --format "${f%sdmx}$([ $f = sdmx ] && echo csv)" "$file"
	contains "$out" "imported 14 values: 14 new"
	rows "$db" >got
	cmp -s want got || { diff want got >&2; die "round trip through $f: the stored values differ"; }
	# and the file exported again is the same file
	if [ $f != xlsx ] && [ $f != sdmx ]; then
		expect_ok "$GEMIS" --db "$db" values export --unit 12 --format $f -o again.$f
		cmp -s out.$f again.$f || die "$f: the export of the round trip differs"
	fi
done

# through a code map: the breakdown's attribute, a category and a
# combination renamed
printf '%s\n' 'type,gemis,external,format' 'attribute,ethnicity,ETHNIC_GROUP,adx' 'category,area_rural,R,adx' \
	'sex,F_ethnicity_minority,UID_F_MIN,dhis2' 'sex,area_rural,UID_RURAL,dhis2' >map.csv
for f in adx dhis2; do
	expect_ok "$GEMIS" --db "$A" values export --unit 12 --format $f --map map.csv -o map.$f
	db=$(new_db map_$f)
	broken "$db"
	expect_ok "$GEMIS" --db "$db" values import --format $f --map map.csv map.$f
	rows "$db" >got
	cmp -s want got || die "round trip through $f with a code map"
done
grep -q ' ETHNIC_GROUP="minority"' map.adx || die "ADX: the map's attribute name"
grep -q ' area="R" value="80"' map.adx || die "ADX: the map's category"
grep -q '"UID_F_MIN"' map.dhis2 && grep -q '"UID_RURAL"' map.dhis2 || die "DHIS2: the map's combinations"

# refused, named with their place: a category without a series, a
# breakdown the indicator is not broken down by, one gemis does not hold
before=$(rows gemis.db)
sed -e 's/ethnicity="minority" value="40"/ethnicity="other" value="40"/' \
	-e 's/area="rural" value="80"/disability="with" value="80"/' out.adx >bad.adx
l1=$(grep -n 'ethnicity="other"' bad.adx | cut -d: -f1)
l2=$(grep -n 'disability="with"' bad.adx | cut -d: -f1)
expect_fail 1 "$GEMIS" --lang en values import bad.adx
contains "$err" "bad.adx:$l1: ethnicity: primary_completion has no series for ethnicity=\"other\": its categories of ethnicity are kinh, minority"
contains "$err" "bad.adx:$l2: disability: disability=\"with\" is a breakdown gemis does not hold"
contains "$err" "2 problems found; nothing was imported"
sed 's/"F_ethnicity_minority", "value": "40"/"F_ethnicity_other", "value": "40"/' out.dhis2 >bad.json
l1=$(grep -n F_ethnicity_other bad.json | cut -d: -f1)
expect_fail 1 "$GEMIS" --lang en values import bad.json
contains "$err" "bad.json:$l1: categoryOptionCombo: 'F_ethnicity_other' is neither a sex (F, M) nor a category of a series of primary_completion"
jq -c . bad.json >bad1.json
i=$(jq '[.dataValues[].value] | index("40")' bad.json)
expect_fail 1 "$GEMIS" --lang en values import bad1.json
contains "$err" "bad1.json: [$i].categoryOptionCombo: 'F_ethnicity_other'"
# a database where primary_completion is broken down by ethnicity only
db=$(new_db half)
expect_ok "$GEMIS" --db "$db" init
expect_ok "$GEMIS" --db "$db" indicator breakdown primary_completion ethnicity
expect_fail 1 "$GEMIS" --lang en --db "$db" values import --format dhis2 out.dhis2
contains "$err" "categoryOptionCombo: 'area_rural' is neither a sex (F, M) nor a category of a series of primary_completion (ethnicity_kinh, ethnicity_minority"
[ "$(rows "$db")" = "" ] || die "a refused import wrote"
[ "$(rows gemis.db)" = "$before" ] || die "a refused import changed the database"
