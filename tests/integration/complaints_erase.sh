# backends: sqlite postgresql
# A matter's person is not kept for ever: `gemis complaint erase` (an
# admin's) erases the person, the contact, the text and the answer of the
# matters closed longer ago than the retention period, for good (not left
# in the database file's free pages, where the key would open it), logs
# each, and keeps what the matter counts for; open and recent matters keep
# theirs; anyone else is refused and logged.
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
expect_ok "$GEMIS" case keygen reg.key
export GEMIS_CASE_KEY_FILE="$PWD/reg.key" GEMIS_TODAY=2026-12-15
n0=$(sql gemis.db "SELECT COUNT(*) FROM complaints")

# answered on 01/02/2021: more than five years before 15/12/2026
expect_ok "$GEMIS" complaint add --unit 03390 --received 2021-01-10 --channel hotline --kind complaint --field family \
	--agency vhxh --name "Lò Thị OLD-NAME-4471" --contact "OLD-PHONE-2210" --text "OLD-TEXT-9035" --as binhlu
old=03390-2021-0001
expect_ok "$GEMIS" complaint answer --code "$old" --status answered --on 2021-02-01 --answer "OLD-ANSWER-3381" --as binhlu
# answered this year, and one still open from 2020
expect_ok "$GEMIS" complaint add --unit 03390 --received 2026-11-02 --channel letter --kind petition --field health \
	--agency yte --name "Vàng Văn NEW-NAME-5120" --text "NEW-TEXT-6671" --as binhlu
new=$(sql gemis.db "SELECT code FROM complaints WHERE received = '2026-11-02' ORDER BY id DESC LIMIT 1")
expect_ok "$GEMIS" complaint answer --code "$new" --status answered --on 2026-11-20 --answer "NEW-ANSWER" --as binhlu
expect_ok "$GEMIS" complaint add --unit 03390 --received 2020-03-01 --channel phone --kind feedback --field economy \
	--agency kinhte --name "OPEN-NAME-7702" --text "OPEN-TEXT" --as binhlu
open=03390-2020-0001
if on_pg; then hex="encode(name_ct, 'hex')"; else hex="hex(name_ct)"; fi
sealed=$(sql gemis.db "SELECT lower($hex) FROM complaints WHERE code = '$old'")
[ "${#sealed}" -gt 40 ] || die "the name was not sealed: $sealed"
# in_file FILE...: whether one of the files holds the sealed name's bytes
in_file() {
	python3 -c 'import sys; b = bytes.fromhex(sys.argv[1]); sys.exit(0 if any(b in open(f, "rb").read() for f in sys.argv[2:]) else 1)' \
		"$sealed" "$@"
}
if ! on_pg; then
	in_file gemis.db gemis.db-wal 2>/dev/null || in_file gemis.db || die "the search does not find the sealed name before"
fi

# nobody but an admin
for who in binhlu laichau binhlu.vhxh; do
	expect_fail 1 "$GEMIS" complaint erase --as "$who"
	contains "$err" "only an admin may erase old complaints"
done
[ "$(sql gemis.db "SELECT COUNT(*) FROM case_access_log WHERE action = 'complaint_erase' AND allowed = 0")" = 3 ] ||
	die "the refusals were not logged"
expect_fail 2 "$GEMIS" complaint erase --as admin --retention-days many
contains "$err" "--retention-days"

# the admin erases: one matter
expect_ok "$GEMIS" complaint erase --as admin
contains "$out" "1 matter closed more than 1825 days ago"
expect_ok "$GEMIS" complaint show --code "$old" --as binhlu
not_contains "$out" "OLD-NAME-4471"
not_contains "$out" "OLD-TEXT-9035"
not_contains "$out" "OLD-ANSWER-3381"
contains "$out" "$old"
expect_ok "$GEMIS" complaint show --code "$new" --as binhlu
contains "$out" "NEW-NAME-5120"
expect_ok "$GEMIS" complaint show --code "$open" --as binhlu
contains "$out" "OPEN-NAME-7702"
# what it counts for stays
[ "$(sql gemis.db "SELECT COUNT(*) FROM complaints")" = $((n0 + 3)) ] || die "a matter was deleted"
[ "$(sql gemis.db "SELECT status || ' ' || answered_on || ' ' || kind FROM complaints WHERE code = '$old'")" = \
	"answered 2021-02-01 complaint" ] || die "the erased matter lost its facts"
[ "$(sql gemis.db "SELECT COUNT(*) FROM case_access_log WHERE action = 'complaint_erase' AND allowed = 1 AND case_code = '$old'")" = 1 ] ||
	die "the erasure was not logged"
# the sealed name is not left in the file, where the key would open it
if ! on_pg; then
	for f in gemis.db gemis.db-wal; do
		[ -f "$f" ] || continue
		if in_file "$f"; then die "$f still holds the erased name's ciphertext"; fi
	done
fi
# again: nothing more to erase; a shorter retention takes the recent one
expect_ok "$GEMIS" complaint erase --as admin
contains "$out" "0 matters closed"
expect_ok "$GEMIS" complaint erase --as admin --retention-days 10
contains "$out" "closed more than 10 days ago"
expect_ok "$GEMIS" complaint show --code "$new" --as binhlu
not_contains "$out" "NEW-NAME-5120"
expect_ok "$GEMIS" complaint show --code "$open" --as binhlu
contains "$out" "OPEN-NAME-7702"
