# Lockout without denial (issue 22): every check of a password (sign-in,
# the password change, the case export) slows down per account and
# address, the waits doubling after three failures, while the owner from
# another address gets in at once; an address that tries many accounts
# waits too, sparing the accounts that sign in from it.  Before, five wrong
# passwords locked any account, admin included, for 15 minutes, thirty
# locked every account from an address, and the case export took 30 wrong
# guesses in 4.6 s.  A password change revokes the account's API tokens.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
printf 'a long enough password\n' >pw.txt
expect_ok "$GEMIS" user add cw.binhlu --role caseworker --unit 03390 --password-stdin <pw.txt
expect_ok "$GEMIS" case keygen case.key
export GEMIS_CASE_KEY_FILE="$PWD/case.key"
start_server --trust-proxy

# try ADDRESS NAME PASSWORD: one sign-in from ADDRESS (through the proxy),
# in a new browser (its jar is jar.ADDRESS.NAME)
try() {
	JAR="jar.$1.$2"
	export JAR
	rm -f "$JAR"
	http GET /lang/en -H "X-Forwarded-For: $1"
	http GET /login -H "X-Forwarded-For: $1"
	t=$(csrf_of)
	http POST /login -H "X-Forwarded-For: $1" --data-urlencode "csrf=$t" --data-urlencode "name=$2" \
		--data-urlencode "password=$3"
}

# an attacker at one address: three guesses, then a wait (30 s, doubling
# with each further failure: tests/unit/test_web.c), the password not even
# checked while it lasts
for i in 1 2 3; do
	try 203.0.113.66 admin "guess number $i"
	expect_status 401
done
try 203.0.113.66 admin gemis-demo-2026
expect_status 429
wait=$(header Retry-After)
[ "$wait" -gt 0 ] && [ "$wait" -le 30 ] || die "first wait: Retry-After $wait"
contains "$body" "Try again in $wait seconds"
# the owner, elsewhere, signs in at once: the admin is not locked out
try 198.51.100.20 admin gemis-demo-2026
expect_status 303
[ "$(sql gemis.db "SELECT COUNT(*) FROM login_failures WHERE name = 'admin'")" = 3 ] ||
	die "a refused try counted, or the owner's sign-in cleared the attacker's failures"

# an address trying many accounts waits after thirty failures, except for
# the accounts that have signed in from it (a proxy many people share)
try 192.0.2.10 binhlu gemis-demo-2026
expect_status 303
for i in $(seq 1 30); do
	try 192.0.2.10 "nobody$i" "a guess at $i"
	expect_status 401
done
try 192.0.2.10 laichau gemis-demo-2026
expect_status 429
try 192.0.2.10 binhlu gemis-demo-2026
expect_status 303
try 192.0.2.11 laichau gemis-demo-2026
expect_status 303

# the password change checks the current password alike
try 198.51.100.30 binhlu.vhxh gemis-demo-2026
expect_status 303
JAR=jar.198.51.100.30.binhlu.vhxh
csrf=$(csrf_token)
for i in 1 2 3; do
	http POST /account/password -H "X-Forwarded-For: 198.51.100.30" --data-urlencode "csrf=$csrf" \
		--data-urlencode "current=guess number $i" --data-urlencode "password=new password 2026" \
		--data-urlencode "confirm=new password 2026"
	expect_status 400
done
http POST /account/password -H "X-Forwarded-For: 198.51.100.30" --data-urlencode "csrf=$csrf" \
	--data-urlencode "current=gemis-demo-2026" --data-urlencode "password=new password 2026" \
	--data-urlencode "confirm=new password 2026"
expect_status 429

# so does the case export: 3 wrong guesses, then a wait
try 198.51.100.40 cw.binhlu "a long enough password"
expect_status 303
JAR=jar.198.51.100.40.cw.binhlu
csrf=$(csrf_token)
for i in 1 2 3; do
	http POST /cases/export -H "X-Forwarded-For: 198.51.100.40" --data-urlencode "csrf=$csrf" \
		--data-urlencode "password=guess number $i"
	expect_status 401
done
http POST /cases/export -H "X-Forwarded-For: 198.51.100.40" --data-urlencode "csrf=$csrf" \
	--data-urlencode "password=a long enough password"
expect_status 429
[ -n "$(header Retry-After)" ] || die "the export's Retry-After"
contains "$body" "too many wrong passwords"
http POST /cases/export -H "X-Forwarded-For: 198.51.100.41" --data-urlencode "csrf=$csrf" \
	--data-urlencode "password=a long enough password"
expect_status 200
[ "$(sql gemis.db "SELECT COUNT(*) FROM case_access_log WHERE action = 'export' AND detail = 'too many wrong passwords'")" = 1 ] ||
	die "the throttled export is not in the case access log"

# a password change revokes the account's API tokens
token=$("$GEMIS" token create laichau 2>/dev/null)
JAR=none.jar http GET /api/v1/me -H "Authorization: Bearer $token"
expect_status 200
try 198.51.100.50 laichau gemis-demo-2026
expect_status 303
JAR=jar.198.51.100.50.laichau
csrf=$(csrf_token)
http POST /account/password -H "X-Forwarded-For: 198.51.100.50" --data-urlencode "csrf=$csrf" \
	--data-urlencode "current=gemis-demo-2026" --data-urlencode "password=new password 2026" \
	--data-urlencode "confirm=new password 2026"
expect_status 303
JAR=none.jar http GET /api/v1/me -H "Authorization: Bearer $token"
expect_status 401
stop_server
