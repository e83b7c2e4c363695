# lib.sh: helpers for integration tests (sourced).  Each test runs in a fresh
# temporary directory; $GEMIS is the binary, $ROOT the repository, $SHARED
# the shared reference folder.
#
# A test that runs on both backends says so in its header:
#	# backends: sqlite postgresql
# and then names its databases through these helpers: `gemis` without --db
# uses the test's main database (./gemis.db, or a PostgreSQL database when
# run-integration runs with GEMIS_TEST_PG); `sql gemis.db QUERY` queries it
# either way; `new_db NAME` gives another one (a file NAME.db, or a new
# PostgreSQL database) to pass to --db and sql.
set -eu

die() {
	echo "FAILED: $*" >&2
	exit 1
}

# expect_ok CMD...: the command must succeed; its stdout is in $out, stderr in $err
expect_ok() {
	if ! "$@" >stdout.txt 2>stderr.txt; then
		cat stdout.txt stderr.txt >&2
		die "expected success: $*"
	fi
	out=$(cat stdout.txt)
	err=$(cat stderr.txt)
}

# expect_fail CODE CMD...: the command must exit with CODE
expect_fail() {
	want=$1
	shift
	set +e
	"$@" >stdout.txt 2>stderr.txt
	got=$?
	set -e
	out=$(cat stdout.txt)
	err=$(cat stderr.txt)
	[ "$got" = "$want" ] || { cat stdout.txt stderr.txt >&2; die "expected exit $want, got $got: $*"; }
}

# contains TEXT NEEDLE [WHAT]
contains() {
	case "$1" in
	*"$2"*) ;;
	*) printf '%s\n' "$1" >&2; die "${3:-output} does not contain: $2" ;;
	esac
}

# not_contains TEXT NEEDLE [WHAT]
not_contains() {
	case "$1" in
	*"$2"*) printf '%s\n' "$1" >&2; die "${3:-output} contains: $2" ;;
	*) ;;
	esac
}

# on_pg: true when the test's main database is PostgreSQL
on_pg() {
	case "${GEMIS_DB:-}" in postgres*) return 0 ;; *) return 1 ;; esac
}

# new_db NAME: prints the name of a new, empty database for --db
new_db() {
	if [ -n "${GEMIS_TEST_PG:-}" ] && [ -n "${GEMIS_TEST_PG_PREFIX:-}" ]; then
		name="${GEMIS_TEST_PG_PREFIX}_$1"
		psql -X -q "$GEMIS_TEST_PG" -c "CREATE DATABASE $name" >/dev/null || die "cannot create database $name"
		echo "$name" >>.pg-databases
		case "$GEMIS_TEST_PG" in
		*\?*) echo "$GEMIS_TEST_PG&dbname=$name" ;;
		*) echo "$GEMIS_TEST_PG?dbname=$name" ;;
		esac
	else
		echo "$1.db"
	fi
}

# sql DB QUERY: runs a query (several, separated by ';') on a database:
# the sqlite3 shell for a file, psql for PostgreSQL; "gemis.db" is the
# test's main database.  Rows print as a|b, one a line, either way.
sql() {
	target=$1
	if [ "$target" = gemis.db ] && on_pg; then
		target=$GEMIS_DB
	fi
	case "$target" in
	postgres*) printf '%s\n' "$2" | psql -X -q -A -t -F '|' -v ON_ERROR_STOP=1 "$target" ;;
	*) sqlite3 -batch -noheader "$target" "$2" ;;
	esac
}

# db_name: how gemis names the main database in messages
db_name() {
	if on_pg; then
		printf '%s' "$GEMIS_DB"
	else
		printf 'gemis.db'
	fi
}
