# gemis values import: all or nothing, every bad row named by line and field,
# every change audited.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" init
state() {
	sql gemis.db "SELECT COUNT(*), COALESCE(SUM(value), 0) FROM datavalues; SELECT COUNT(*) FROM value_audit"
}

cat >good.csv <<'CSV'
unit,period,indicator,part,sex,value
03390,2026,female_wage_workers,num,T,412
03390,2026,female_wage_workers,den,T,1000
03390,2026,primary_completion,num,F,95
03390,2026,primary_completion,den,F,100
03390,2026Q3,news_items_per_quarter,value,T,4
03390,2026-07,sex_ratio_at_birth,num,T,11
03390,2026-07,sex_ratio_at_birth,den,T,10
12,2026,unpaid_care_ratio,value,T,"1,7"
CSV
expect_ok "$GEMIS" values import good.csv --as tester
contains "$out" "imported 8 values: 8 new, 0 changed, 0 unchanged"
[ "$(sql gemis.db "SELECT COUNT(*) FROM value_audit WHERE changed_by = 'tester' AND old_value IS NULL")" = 8 ] || die "audit of new values"
[ "$(sql gemis.db "SELECT value FROM datavalues d JOIN units u ON u.id = d.unit_id WHERE u.code = '12'")" = 1.7 ] || die "decimal comma"

# the same file again changes nothing
expect_ok "$GEMIS" values import good.csv
contains "$out" "0 new, 0 changed, 8 unchanged"
[ "$(sql gemis.db "SELECT COUNT(*) FROM value_audit")" = 8 ] || die "unchanged values audited"
# a write recorded once, and only one that wrote something
[ "$(sql gemis.db "SELECT COUNT(*) FROM value_batches")" = 1 ] || die "a batch for a write of nothing"

# a change keeps the old value in the audit trail
printf 'unit,period,indicator,part,sex,value\n03390,2026,female_wage_workers,num,T,450\n' >change.csv
expect_ok "$GEMIS" values import change.csv --as other
contains "$out" "0 new, 1 changed"
[ "$(sql gemis.db "SELECT CAST(old_value AS INTEGER) || '>' || CAST(new_value AS INTEGER) || ' ' || changed_by FROM value_audit WHERE new_value = 450")" = "412>450 other" ] || die "audit of a change"

# --dry-run counts and writes nothing
printf 'unit,period,indicator,part,sex,value\n03390,2026,female_wage_workers,num,T,460\n03390,2025,female_wage_workers,num,T,1\n03390,2025,female_wage_workers,den,T,2\n' >dry.csv
before=$(state)
expect_ok "$GEMIS" values import --dry-run dry.csv
contains "$out" "would import 3 values: 2 new, 1 changed"
[ "$(state)" = "$before" ] || die "--dry-run wrote"

# every kind of bad row, each named by line and field; nothing written
cat >bad.csv <<'CSV'
unit,period,indicator,part,sex,value
03390,2027,female_wage_workers,num,T,10
99999,2027,female_wage_workers,num,T,1
03390,27,female_wage_workers,den,T,100
03390,2027,no_such_indicator,num,T,1
03390,2027,female_wage_workers,part,T,1
03390,2027,female_wage_workers,den,F,100
03390,2027,female_key_leaders,num,T,lots
03390,2027,female_key_leaders,den,T,-5
03390,2027,orgs_informed,num,T,30
03390,2027,orgs_informed,den,T,20
03390,2027,sex_ratio_at_birth,num,T,120
03390,2027,sex_ratio_at_birth,den,T,100
03390,2027,female_business_leaders,num,T,3
03390,2027,female_business_leaders,num,T,4
03390,2027,female_business_leaders,den,T,10
3390,2027,female_masters,num,T,1
CSV
before=$(state)
expect_fail 1 "$GEMIS" values import bad.csv
[ "$(state)" = "$before" ] || die "a bad file changed the database"
contains "$err" "bad.csv:3: unit: unknown unit code '99999'"
contains "$err" "bad.csv:4: period: '27' is not a period"
contains "$err" "bad.csv:5: indicator: unknown indicator 'no_such_indicator'"
contains "$err" "bad.csv:6: part: unknown part 'part'"
contains "$err" "bad.csv:7: sex: female_wage_workers is reported as a total only"
contains "$err" "bad.csv:8: value: 'lots' is not a number"
contains "$err" "bad.csv:9: value: negative value -5"
contains "$err" "bad.csv:10: value: numerator 30 is greater than denominator 20"
contains "$err" "bad.csv:15: value: value 4 conflicts with 3"
contains "$err" "bad.csv:17: unit: unknown unit code '3390' (did you mean 03390?"
contains "$err" "problems found; nothing was imported"
not_contains "$err" "bad.csv:12" "the sex ratio (not a share)"
# the numerator checked against a denominator already stored
printf 'unit,period,indicator,part,sex,value\n03390,2026,female_wage_workers,num,T,1001\n' >over.csv
expect_fail 1 "$GEMIS" values import over.csv
contains "$err" "over.csv:2: value: numerator 1001 is greater than denominator 1000"

# files that are not CSV values at all
printf 'code,year,value\n1,2,3\n' >header.csv
expect_fail 1 "$GEMIS" values import header.csv
contains "$err" "header.csv:1: header: unknown column 'code'"
contains "$err" "missing column 'unit'"
# an 8-bit file (Excel's "CSV" on a Vietnamese Windows: Windows-1258) is
# refused with its line and how to save it as UTF-8
printf 'unit,period,indicator,part,sex,value\n03390,2026,orgs_informed,num,T,1\nX\343 B\354nh L\335,2026,orgs_informed,den,T,2\n' >cp1258.csv
expect_fail 1 "$GEMIS" values import cp1258.csv
contains "$err" "cp1258.csv: line 3: the file is not UTF-8 text"
contains "$err" '"CSV UTF-8 (Comma delimited) (*.csv)"'
# UTF-16 cut in half
printf '\377\376u\000n' >binary.csv
expect_fail 1 "$GEMIS" values import binary.csv
contains "$err" "odd number of bytes"
printf 'unit,period,indicator,part,sex,value\n"03390,2026\n' >quote.csv
expect_fail 1 "$GEMIS" values import quote.csv
contains "$err" "line 2: a quoted field is not closed"
expect_fail 1 "$GEMIS" values import missing.csv
contains "$err" "missing.csv"
[ "$(state)" = "$before" ] || die "a failed import changed the database"

# UTF-16 with a BOM and tabs (Excel's "Unicode Text"), and without a BOM
# (regression: "unknown column 'u'"): converted and read
printf '\357\273\277unit\tperiod\tindicator\tpart\tsex\tvalue\r\n03390\t2026\torgs_informed\tnum\tT\t17\r\n' |
	iconv -f UTF-8 -t UTF-16LE >unicode.txt
expect_ok "$GEMIS" values import --dry-run --format csv unicode.txt
contains "$out" "would import 1 values"
printf 'unit,period,indicator,part,sex,value\n03390,2026,orgs_informed,num,T,17\n' | iconv -f UTF-8 -t UTF-16BE >be.csv
expect_ok "$GEMIS" values import --dry-run be.csv
contains "$out" "would import 1 values"
[ "$(state)" = "$before" ] || die "a dry run changed the database"

# semicolons and a BOM, as spreadsheets in a Vietnamese locale save them
printf '\357\273\277unit;period;indicator;part;sex;value\r\n03390;2026;orgs_informed;num;T;18\r\n03390;2026;orgs_informed;den;T;20\r\n' >excel.csv
expect_ok "$GEMIS" values import excel.csv
contains "$out" "2 new"
