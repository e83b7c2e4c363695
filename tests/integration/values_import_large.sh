# gemis values import of a file larger than one sorted run of the streaming
# importer (src/store/values_stream.c, 262,144 rows): a bad row on the last
# line, found only after the rest was read, checked and spilled, is named
# by its line and nothing is written; the good file imports whole, each
# value audited once.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" init
state() {
	sql gemis.db "SELECT COUNT(*) FROM datavalues; SELECT COUNT(*) FROM value_audit"
}
empty=$(state)
[ "$empty" = "0
0" ] || die "a new database holds values: $empty"

# 2,300 communes x 60 months x numerator and denominator: 276,000 values
sql gemis.db "SELECT code FROM units WHERE level = 'commune' AND valid_to IS NULL ORDER BY code LIMIT 2300" >codes
[ "$(wc -l <codes)" -eq 2300 ] || die "fewer than 2,300 communes"
awk 'BEGIN { print "unit,period,indicator,part,sex,value" }
{
	for (y = 2022; y <= 2026; y++)
		for (m = 1; m <= 12; m++) {
			printf "%s,%d-%02d,female_wage_workers,num,T,10\n", $1, y, m
			printf "%s,%d-%02d,female_wage_workers,den,T,20\n", $1, y, m
		}
}' codes >big.csv
rows=276000
last=$((rows + 2))
first=$(sed -n 2p big.csv)

# the last line gives the first value again, differently: the two meet only
# when the runs are merged
{ cat big.csv; printf '%s\n' "$first" | sed 's/,10$/,11/'; } >conflict.csv
expect_fail 1 "$GEMIS" values import conflict.csv
contains "$err" "conflict.csv:$last: value: value 11 conflicts with 10 given for the same unit, period, indicator, part and sex on line 2"
contains "$err" "conflict.csv: 1 problem found; nothing was imported"
[ "$(state)" = "$empty" ] || die "a conflict on the last line left values written"

# a field problem on the last line
{ cat big.csv; echo "99999,2026,female_wage_workers,num,T,1"; } >unit.csv
expect_fail 1 "$GEMIS" values import unit.csv
contains "$err" "unit.csv:$last: unit: unknown unit code '99999'"
[ "$(state)" = "$empty" ] || die "an unknown unit on the last line left values written"

# a numerator above its denominator given 276,000 lines earlier
code=$(head -1 codes)
{
	echo "unit,period,indicator,part,sex,value"
	echo "$code,2021,female_wage_workers,den,T,5"
	tail -n +2 big.csv
	echo "$code,2021,female_wage_workers,num,T,6"
} >share.csv
expect_fail 1 "$GEMIS" values import share.csv
contains "$err" "share.csv:$((rows + 3)): value: numerator 6 is greater than denominator 5"
[ "$(state)" = "$empty" ] || die "a share problem on the last line left values written"

# an exact repeat is not a problem; the good file imports whole
{ cat big.csv; printf '%s\n' "$first"; } >repeat.csv
expect_ok "$GEMIS" values import repeat.csv --as tester
contains "$out" "imported $((rows + 1)) values: $rows new, 0 changed, 1 unchanged"
[ "$(state)" = "$rows
$rows" ] || die "not every value written and audited once: $(state)"
[ "$(sql gemis.db "SELECT COUNT(*) FROM value_audit WHERE changed_by = 'tester' AND old_value IS NULL AND new_value = 10")" = $((rows / 2)) ] ||
	die "audit of the numerators"

# again: nothing changes; a change on the last line is the only one
expect_ok "$GEMIS" values import --dry-run big.csv
contains "$out" "would import $rows values: 0 new, 0 changed, $rows unchanged"
{ grep -v "^$code,2026-12,female_wage_workers,den," big.csv; echo "$code,2026-12,female_wage_workers,den,T,30"; } >change.csv
expect_ok "$GEMIS" values import change.csv --as other
contains "$out" "0 new, 1 changed, $((rows - 1)) unchanged"
[ "$(sql gemis.db "SELECT CAST(old_value AS INTEGER) || '>' || CAST(new_value AS INTEGER) || ' ' || changed_by FROM value_audit WHERE changed_by = 'other'")" = "20>30 other" ] ||
	die "audit of the change"
