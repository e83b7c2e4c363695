# docs/gemis-backup: a backup taken while values are being written is a
# consistent copy, a restore gives back the same progress, and a restore
# never overwrites a database that holds data.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"
backup="$ROOT/docs/gemis-backup"
main=$(on_pg && printf '%s' "$GEMIS_DB" || printf 'gemis.db')

expect_ok "$GEMIS" demo
# at rest: the restored database answers exactly as the original
expect_ok "$backup" backup "$main" rest.bak
for u in VN 12 03390; do
	"$GEMIS" progress --unit $u --year 2026 --json >"orig-$u.json"
done
r1=$(new_db restored)
expect_ok "$backup" restore rest.bak "$r1"
for u in VN 12 03390; do
	"$GEMIS" --db "$r1" progress --unit $u --year 2026 --json >"rest-$u.json"
	cmp -s "orig-$u.json" "rest-$u.json" || die "progress of $u differs after the restore"
done
[ "$(sql "$r1" "SELECT COUNT(*) FROM value_audit")" = "$(sql gemis.db "SELECT COUNT(*) FROM value_audit")" ] ||
	die "the audit trail was not restored whole"

# under writes: a writer changes one value again and again while the
# backup runs; the copy holds the value of one commit with its audit row
writer() {
	i=0
	while [ ! -e stop ] && [ $i -lt 200 ]; do
		printf 'unit,period,indicator,part,sex,value\n03390,2026,female_key_leaders,den,T,%s\n' $((2000 + i)) >w.csv
		"$GEMIS" values import w.csv --as writer >/dev/null 2>>writer.err || { echo fail >writer.failed; break; }
		i=$((i + 1))
	done
}
writer &
wpid=$!
sleep 0.3
expect_ok "$backup" backup "$main" busy.bak
touch stop
wait $wpid
[ ! -e writer.failed ] || { cat writer.err >&2; die "the writer failed during the backup"; }
r2=$(new_db busy)
expect_ok "$backup" restore busy.bak "$r2"
key="u.code = '03390' AND d.period = '2026' AND d.indicator = 'female_key_leaders' AND d.part = 'den' AND d.sex = 'T'"
value=$(sql "$r2" "SELECT CAST(d.value AS INTEGER) FROM datavalues d JOIN units u ON u.id = d.unit_id WHERE $key")
last=$(sql "$r2" "SELECT CAST(d.new_value AS INTEGER) FROM value_audit d JOIN units u ON u.id = d.unit_id WHERE $key ORDER BY d.batch DESC LIMIT 1")
[ -n "$value" ] && [ "$value" = "$last" ] || die "inconsistent copy: value $value, last audited $last"
expect_ok "$GEMIS" --db "$r2" progress --unit 03390 --year 2026 --json

# a restore never overwrites a database with data; a damaged backup is refused
expect_fail 1 "$backup" restore rest.bak "$r1"
contains "$err" "restore"
if ! on_pg; then
	head -c 10000 rest.bak >broken.bak
	r3=$(new_db broken)
	expect_fail 1 "$backup" restore broken.bak "$r3"
	[ ! -s "$r3" ] || die "a damaged backup was restored"
fi
expect_fail 1 "$backup" backup missing.db x.bak
[ ! -e x.bak ] || die "a failed backup left a file"
