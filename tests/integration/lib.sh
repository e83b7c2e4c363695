# lib.sh: helpers for integration tests (sourced).  Each test runs in a fresh
# temporary directory; $GEMIS is the binary, $ROOT the repository, $SHARED
# the shared reference folder.
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

# sql DB QUERY: runs a query with the sqlite3 shell
sql() {
	sqlite3 -batch -noheader "$1" "$2"
}
