# gemis init: the administrative tree and the agencies, once.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" init
contains "$out" "Created $(db_name) with"
[ "$(sql gemis.db "SELECT COUNT(*) FROM units")" = 3356 ] || die "units"
[ "$(sql gemis.db "SELECT COUNT(*) FROM units WHERE level = 'province'")" = 34 ] || die "provinces"
[ "$(sql gemis.db "SELECT COUNT(*) FROM units WHERE level IN ('commune', 'ward', 'special_zone')")" = 3321 ] || die "communes"
[ "$(sql gemis.db "SELECT COUNT(*) FROM agencies")" = $((3321 * 13)) ] || die "agencies"
[ "$(sql gemis.db "SELECT name || '|' || level || '|' || valid_from FROM units WHERE code = '03390'")" = "Xã Bình Lư|commune|2025-07-01" ] || die "Bình Lư"
[ "$(sql gemis.db "SELECT p.code FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code = '09385'")" = 24 ] || die "Đồng Nguyên's province"
if ! on_pg; then
	[ "$(sql gemis.db "PRAGMA journal_mode")" = wal ] || die "not WAL"
fi
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicators")" = 24 ] || die "catalog mirror"
expect_ok "$GEMIS" init
contains "$out" "already initialised"
[ "$(sql gemis.db "SELECT COUNT(*) FROM units")" = 3356 ] || die "units after a second init"

# --db and $GEMIS_DB
expect_ok "$GEMIS" --db other.db init
[ -f other.db ] || die "--db"
GEMIS_DB=env.db expect_ok "$GEMIS" init
[ -f env.db ] || die "GEMIS_DB"

# units: listing and searching without diacritics
expect_ok "$GEMIS" units --search "binh lu"
contains "$out" "03390"
contains "$out" "Xã Bình Lư"
expect_ok "$GEMIS" units --parent 12
contains "$out" "03390"
[ "$(printf '%s\n' "$out" | wc -l)" -gt 30 ] || die "Lai Châu's communes"
expect_ok "$GEMIS" units --json
[ "$(printf '%s' "$out" | jq length)" = 34 ] || die "provinces as JSON"
expect_ok "$GEMIS" indicators --json
[ "$(printf '%s' "$out" | jq length)" = 24 ] || die "indicators as JSON"
