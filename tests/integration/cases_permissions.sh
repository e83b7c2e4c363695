# The permission matrix of the case register: every `gemis case` command
# against every role, inside and outside its scope.  Only the caseworkers of
# the commune read or change its cases; everyone above sees counts; only
# the admin reads the access log or erases cases.  Every refusal is logged.
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" init
printf 'a long enough password\n' >pw.txt
add_user() { expect_ok "$GEMIS" user add "$@" --password-stdin <pw.txt; }
add_user admin --role admin --unit VN
add_user prov.laichau --role province --unit 12
add_user prov.bacninh --role province --unit 24
add_user focal.binhlu --role focal --unit 03390
add_user rep.binhlu --role reporter --unit 03390 --agency yte
add_user viewer.binhlu --role viewer --unit 03390
add_user cw.binhlu --role caseworker --unit 03390 --agency hoiphunu
add_user cw.sinsuoiho --role caseworker --unit 03394
add_user cw.dongnguyen --role caseworker --unit 09385
expect_ok "$GEMIS" case keygen case.key
export GEMIS_CASE_KEY_FILE="$PWD/case.key"

cat >case.json <<'JSON'
{"detected": "2026-03-02", "source": "trusted_address", "survivor": {"sex": "F", "age_group": "18-24"},
 "type": "physical_assault", "context": "domestic",
 "perpetrator": {"sex": "M", "age_group": "25-59", "relation": "spouse"},
 "trafficking_return": false, "consent_statistics": true, "notes": "matrix"}
JSON
expect_ok "$GEMIS" case add --unit 03390 --as cw.binhlu <case.json
code=$out
case "$code" in ????-????-????) ;; *) die "case code: $code" ;; esac

roles="admin prov.laichau prov.bacninh focal.binhlu rep.binhlu viewer.binhlu cw.binhlu cw.sinsuoiho cw.dongnguyen"
# command name | expected allowed accounts (the rest must be refused)
run() {
	name=$1 as=$2
	shift 2
	case $name in
	add) "$GEMIS" case add --unit 03390 --as "$as" <case.json ;;
	service) "$GEMIS" case service "$code" --as "$as" --service legal_aid --date 2026-03-05 ;;
	refer) "$GEMIS" case refer "$code" --as "$as" --service safe_house --date 2026-03-05 ;;
	counsel) "$GEMIS" case counsel "$code" --as "$as" --date 2026-03-06 ;;
	show) "$GEMIS" case show "$code" --as "$as" ;;
	list) "$GEMIS" case list --unit 03390 --as "$as" ;;
	export) rm -f export.csv; "$GEMIS" case export --unit 03390 --as "$as" -o export.csv --password-stdin <pw.txt ;;
	stats) "$GEMIS" case stats --unit 03390 --year 2026 --as "$as" ;;
	log) "$GEMIS" case log --as "$as" ;;
	purge) "$GEMIS" case purge --as "$as" --retention-days 1825 ;;
	close) "$GEMIS" case close "$code" --as "$as" --date 2026-03-07 ;;
	esac
}
expected() {
	case $1 in
	add | service | refer | counsel | show | list | export | close) echo "cw.binhlu" ;;
	stats) echo "admin prov.laichau focal.binhlu rep.binhlu viewer.binhlu cw.binhlu" ;;
	log | purge) echo "admin" ;;
	esac
}

refused=0
for cmd in add service refer counsel show list export stats log purge close; do
	allowed=$(expected "$cmd")
	for r in $roles; do
		set +e
		run "$cmd" "$r" >stdout.txt 2>stderr.txt
		rc=$?
		set -e
		case " $allowed " in
		*" $r "*)
			[ "$rc" = 0 ] || { cat stdout.txt stderr.txt >&2; die "$cmd as $r: refused, should be allowed"; } ;;
		*)
			[ "$rc" = 1 ] || { cat stdout.txt stderr.txt >&2; die "$cmd as $r: exit $rc, should be refused"; }
			refused=$((refused + 1))
			# a refusal gives nothing away
			not_contains "$(cat stdout.txt)" "matrix" "$cmd as $r"
			not_contains "$(cat stdout.txt)" "physical_assault" "$cmd as $r"
			[ ! -s export.csv ] || die "$cmd as $r: wrote an export" ;;
		esac
	done
done

# every refusal is in the access log, with who and what
n=$(sql gemis.db "SELECT COUNT(*) FROM case_access_log WHERE allowed = 0")
[ "$n" = "$refused" ] || die "refusals logged: $n, expected $refused"
[ "$(sql gemis.db "SELECT COUNT(*) FROM case_access_log WHERE allowed = 0 AND action = 'read' AND user_name = 'focal.binhlu' AND case_code = '$code'")" = 1 ] ||
	die "the focal point's refused read is not logged"
# the log cannot be changed, even with direct access to the database
if sql gemis.db "UPDATE case_access_log SET allowed = 1" 2>err.txt; then die "log updated"; fi
contains "$(cat err.txt)" "append-only"
if sql gemis.db "DELETE FROM case_access_log" 2>err.txt; then die "log deleted"; fi
[ "$(sql gemis.db "SELECT COUNT(*) FROM case_access_log WHERE allowed = 0")" = "$refused" ] || die "log changed"

# a refused read and a missing case get the same answer
expect_fail 1 "$GEMIS" case show "$code" --as cw.sinsuoiho
a=$(echo "$err" | sed "s/$code/CODE/")
expect_fail 1 "$GEMIS" case show ZZZZ-ZZZZ-ZZZZ --as cw.sinsuoiho
b=$(echo "$err" | sed "s/ZZZZ-ZZZZ-ZZZZ/CODE/")
[ "$a" = "$b" ] || die "refusal and absence differ: '$a' / '$b'"

# export needs the password again
printf 'not the password\n' >bad.txt
rm -f export.csv
expect_fail 1 "$GEMIS" case export --unit 03390 --as cw.binhlu -o export.csv --password-stdin <bad.txt
contains "$err" "password"
[ ! -e export.csv ] || die "export written with a wrong password"
expect_fail 2 "$GEMIS" case export --unit 03390 --as cw.binhlu -o export.csv

# acting as nobody, or without the key, does nothing
expect_fail 2 "$GEMIS" case show "$code"
expect_fail 1 "$GEMIS" case show "$code" --as nobody
contains "$err" "no such active account"
GEMIS_CASE_KEY_FILE= expect_fail 1 "$GEMIS" case show "$code" --as cw.binhlu
contains "$err" "key is needed"
