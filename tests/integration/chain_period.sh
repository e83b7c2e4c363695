# gemis chain period: the period and deadline a province sets for its
# communes' yearly reports (the nation for the provinces'), Decree
# 09/2019/NĐ-CP's period until one is set, no invented deadline, refusals.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" init
expect_ok "$GEMIS" chain period --unit 12 --year 2026
contains "$out" "Period: 15/12/2025 – 14/12/2026 (Decree 09/2019/NĐ-CP, nothing set)"
contains "$out" "Due: no date set"
# the province sets its deadline: the period stays Decree 09/2019's
expect_ok "$GEMIS" chain period --unit 12 --year 2026 --due 2026-12-20 --as laichau
contains "$out" "Due: 20/12/2026"
not_contains "$out" "nothing set"
[ "$(sql gemis.db "SELECT period_from || ' ' || period_to || ' ' || due || ' ' || set_by FROM chain_periods")" = "2025-12-15 2026-12-14 2026-12-20 laichau" ] ||
	die "stored: $(sql gemis.db "SELECT * FROM chain_periods")"
# and later its own period; the deadline set before stays
expect_ok "$GEMIS" chain period --unit 12 --year 2026 --from 2026-01-01 --to 2026-12-31
contains "$out" "Period: 01/01/2026 – 31/12/2026"
contains "$out" "Due: 20/12/2026"
# another year is untouched
expect_ok "$GEMIS" chain period --unit 12 --year 2027
contains "$out" "Due: no date set"
# the nation sets the provinces'
expect_ok "$GEMIS" chain period --unit VN --year 2026 --due 2027-01-15
contains "$out" "Due: 15/01/2027"

# refused, and nothing written: a commune receives no reports, a deadline
# before the period, a period of two years, not a date
expect_fail 1 "$GEMIS" chain period --unit 03390 --year 2026 --due 2026-12-20
contains "$err" "only the nation and the provinces receive reports"
expect_fail 1 "$GEMIS" chain period --unit 12 --year 2026 --due 2025-11-30
contains "$err" "due: the deadline must not be before the period starts"
expect_fail 1 "$GEMIS" chain period --unit 24 --year 2026 --from 2025-01-01 --to 2026-12-31
contains "$err" "to: a yearly period has at most 366 days"
expect_fail 2 "$GEMIS" chain period --unit 12 --year 2026 --due 20/12/2026
contains "$err" "--due: not a date '20/12/2026' (YYYY-MM-DD)"
expect_fail 2 "$GEMIS" chain period --unit 12
[ "$(sql gemis.db "SELECT COUNT(*) FROM chain_periods")" = 2 ] || die "a refused period was stored"
[ "$(sql gemis.db "SELECT due FROM chain_periods WHERE year = 2026 AND unit_id = (SELECT id FROM units WHERE code = '12')")" = 2026-12-20 ] ||
	die "a refused deadline changed the one set"
expect_ok "$GEMIS" chain period --help
contains "$out" "Decree 09/2019"
