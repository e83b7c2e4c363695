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

# --- the web server -------------------------------------------------------
# start_server [ARGS...]: runs `gemis serve --port 0 ARGS` on the test's
# main database in the background; $BASE is its URL, $SERVER_PID its
# process.  stop_server stops it with SIGTERM and fails when it did not exit
# cleanly (a sanitizer report, a leak, a crash).  gemis serve makes admins
# and caseworkers sign in with a code as well by default; the tests'
# servers ask it of the roles in $TWO_STEP, none unless set; "default"
# leaves gemis's default (web_two_step.sh).
start_server() {
	: >serve.out
	: >serve.err
	two_step="--two-step ${TWO_STEP:-none}"
	[ "${TWO_STEP:-}" = default ] && two_step=""
	# shellcheck disable=SC2086 # two words or none
	"$GEMIS" serve --port 0 $two_step "$@" >>serve.out 2>>serve.err &
	SERVER_PID=$!
	# a test that fails half-way must not leave its server running
	trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
	i=0
	BASE=""
	while [ $i -lt 100 ]; do
		BASE=$(sed -n 's|.* at \(https*://[^ ]*[0-9]\)/$|\1|p' serve.out)
		[ -n "$BASE" ] && break
		kill -0 "$SERVER_PID" 2>/dev/null || { cat serve.err >&2; die "the server did not start"; }
		sleep 0.1
		i=$((i + 1))
	done
	[ -n "$BASE" ] || { cat serve.out serve.err >&2; die "the server did not print its URL"; }
	export BASE SERVER_PID
}

stop_server() {
	trap - EXIT
	kill -TERM "$SERVER_PID"
	set +e
	wait "$SERVER_PID"
	code=$?
	set -e
	if [ "$code" != 0 ] || grep -q -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' serve.err; then
		tail -50 serve.err >&2
		die "the server exited with $code"
	fi
}

# http METHOD PATH [CURL ARGS...]: one request; the status is in $status,
# the body in body.txt ($body), the headers in headers.txt.  Cookies live in
# the jar named by $JAR (default jar.txt).  Answers of /api/v1 are appended
# to $API_ANSWERS when it is set.
http() {
	m=$1
	p=$2
	shift 2
	status=$(curl -s -S -X "$m" -o body.txt -D headers.txt -w '%{http_code}' \
		-b "${JAR:-jar.txt}" -c "${JAR:-jar.txt}" "$@" "$BASE$p")
	body=$(cat body.txt)
	# the API's answers are kept for the OpenAPI check of run-integration
	# (tools/openapi-check.mjs validates them against data/api/openapi.json)
	case "$p" in
	/api/v1/*)
		if [ -n "${API_ANSWERS:-}" ]; then
			jq -c -n --arg test "${TEST_NAME:-}" --arg method "$m" --arg path "$p" --arg status "$status" \
				--arg type "$(header Content-Type)" --rawfile body body.txt \
				'{test: $test, method: $method, path: $path, status: ($status | tonumber), type: $type, body: $body}' \
				>>"$API_ANSWERS" || die "cannot record the API's answer"
		fi
		;;
	esac
}

# expect_status CODE: the last request's status must be CODE
expect_status() {
	[ "$status" = "$1" ] || { head -c 2000 body.txt >&2; echo >&2; die "expected HTTP $1, got $status"; }
}

# header NAME: the value of a header of the last answer (first one)
header() {
	grep -i "^$1:" headers.txt | head -1 | sed 's/^[^:]*: *//' | tr -d '\r'
}

# csrf_of: the CSRF token of the page in body.txt
csrf_of() {
	grep -o 'name="csrf" value="[0-9a-f]*"' body.txt | head -1 | sed 's/.*value="//;s/"$//'
}

# sign_in NAME PASSWORD: signs in with the jar $JAR (fresh form, then post)
sign_in() {
	http GET /login
	t=$(csrf_of)
	[ -n "$t" ] || die "no CSRF token on the sign-in page"
	http POST /login --data-urlencode "csrf=$t" --data-urlencode "name=$1" --data-urlencode "password=$2"
	expect_status 303
}

# csrf_token: the session's CSRF token, from the account page
csrf_token() {
	http GET /account
	expect_status 200
	csrf_of
}
