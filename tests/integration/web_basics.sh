# gemis serve: sign-in, sessions, CSRF, throttling, security headers, limits,
# static files, and the API's progress equal to the command line's.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
contains "$out" "gemis-demo-2026"
start_server

# without a session: 401 with the sign-in page, and the security headers
http GET /
expect_status 401
contains "$body" 'action="/login"'
contains "$(header Content-Security-Policy)" "frame-ancestors 'none'"
contains "$(header Content-Security-Policy)" "script-src 'self'"
not_contains "$(header Content-Security-Policy)" "unsafe-inline"
[ "$(header X-Content-Type-Options)" = nosniff ] || die "nosniff"
[ "$(header Referrer-Policy)" = same-origin ] || die "Referrer-Policy"
[ "$(header Cache-Control)" = no-store ] || die "pages are not cached"
grep -qi '^set-cookie: gemis_pre=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Strict' headers.txt || die "pre-session cookie"
not_contains "$body" "<script>"

# Vietnamese by default, English with one click (a cookie)
contains "$body" '<html lang="vi">'
contains "$body" "Đăng nhập"
http GET "/lang/en?next=/login"
expect_status 303
[ "$(header Location)" = /login ] || die "back to the page after the language switch"
http GET /login
contains "$body" '<html lang="en">'
contains "$body" "Sign in"
http GET "/lang/en?next=//evil.example/"
expect_status 400

# the sign-in form needs its CSRF token
http POST /login --data-urlencode "name=binhlu" --data-urlencode "password=gemis-demo-2026"
expect_status 403
http GET /login
t=$(csrf_of)
http POST /login --data-urlencode "csrf=$t" --data-urlencode "name=binhlu" --data-urlencode "password=wrong password"
expect_status 401
contains "$body" "Wrong user name or password."

# sign in: a session cookie, HttpOnly and SameSite=Strict, stored hashed
sign_in binhlu gemis-demo-2026
[ "$(header Location)" = / ] || die "redirect after sign-in"
grep -qi '^set-cookie: gemis_session=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Strict' headers.txt || die "session cookie"
tok1=$(awk '$6 == "gemis_session" {print $7}' jar.txt)
[ ${#tok1} = 64 ] || die "session token in the jar"
[ "$(sql gemis.db "SELECT COUNT(*) FROM sessions WHERE token_hash = '$tok1'")" = 0 ] || die "token stored in clear"
[ "$(sql gemis.db "SELECT COUNT(*) FROM sessions")" = 1 ] || die "one session"
http GET /
expect_status 200
contains "$body" "Xã Bình Lư"
contains "$body" 'href="/indicator/female_key_leaders?unit=03390&amp;year=2026"'
contains "$body" '<svg class="spark'
[ "$(header Cache-Control)" = no-store ] || die "no-store"

# signing in again renews the token and ends the one the browser brought
cp jar.txt old.jar
t=$(csrf_token)
http POST /login --data-urlencode "csrf=$t" --data-urlencode "name=binhlu" --data-urlencode "password=gemis-demo-2026"
expect_status 303
tok2=$(awk '$6 == "gemis_session" {print $7}' jar.txt)
[ "$tok1" != "$tok2" ] || die "the token was not renewed"
JAR=old.jar http GET /
expect_status 401

# a request body past the limit is refused before it is read
head -c 1100000 /dev/zero | tr '\0' a >big.txt
http POST /logout --data-binary @big.txt -H 'Content-Type: application/x-www-form-urlencoded'
expect_status 413

# undeclared and malformed parameters are refused
http GET "/?unit=03390&color=red"
expect_status 400
http GET "/?unit=03390&year=20x6"
expect_status 400
http GET "/?unit=03390&unit=12"
expect_status 400
http GET "/?unit=%ff"
expect_status 400
http GET "/%ff"
expect_status 400

# pages and JSON are compressed for clients that accept it; the CSRF token
# reads differently in every page (masked), and both forms are accepted
http GET / -H 'Accept-Encoding: gzip'
[ "$(header Content-Encoding)" = gzip ] || die "pages are compressed"
gunzip -c body.txt >page.html
contains "$(cat page.html)" "Xã Bình Lư"
t1=$(grep -o 'name="csrf" value="[0-9a-f]*"' page.html | head -1 | sed 's/.*value="//;s/"$//')
t2=$(csrf_token)
[ ${#t1} = 128 ] && [ "$t1" != "$t2" ] || die "the CSRF token is masked afresh in every page"
http POST /entry/03390/vhxh/2025 --data-urlencode "csrf=$t1" --data-urlencode action=save --data-urlencode version=0
[ "$status" != 403 ] || die "a masked token from an earlier page is refused"

# the session ends after two idle hours, and at sign-out
csrf=$(csrf_token)
# (two hours pass: every time of the session moves back)
sql gemis.db "UPDATE sessions SET created_at = created_at - 7300, last_seen_at = last_seen_at - 7300"
sleep 0.3 # another process's change counts within the 250 ms check interval
http GET /
expect_status 401
sign_in binhlu gemis-demo-2026
csrf=$(csrf_token)
http POST /logout
expect_status 403
http POST /logout --data-urlencode "csrf=$csrf"
expect_status 303
http GET /
expect_status 401
[ "$(sql gemis.db "SELECT COUNT(*) FROM sessions")" = 0 ] || die "sessions left after sign-out"

# throttling: after three failures the account waits, without a check of the
# password (web_throttling tests the rest)
http GET /login
t=$(csrf_of)
for i in 1 2 3; do
	http POST /login --data-urlencode "csrf=$t" --data-urlencode "name=laichau" --data-urlencode "password=guess $i guess"
	expect_status 401
done
http POST /login --data-urlencode "csrf=$t" --data-urlencode "name=laichau" --data-urlencode "password=gemis-demo-2026"
expect_status 429
[ -n "$(header Retry-After)" ] || die "Retry-After"
contains "$body" "Too many failed attempts"

# static files: compressed, cacheable with the current version
http GET /login
v=$(grep -o 'app.css?v=[0-9a-f]*' body.txt | head -1 | sed 's/.*v=//')
http GET "/static/vendor/htmx.min.js?v=$v" -H 'Accept-Encoding: gzip'
expect_status 200
[ "$(header Content-Encoding)" = gzip ] || die "gzip"
contains "$(header Cache-Control)" immutable
gz=$(wc -c <body.txt)
[ "$gz" -lt 25000 ] || die "htmx compressed is $gz bytes"
http GET /static/app.css
[ "$(header Cache-Control)" = no-cache ] || die "unversioned assets are revalidated"
http GET /static/../../etc/passwd
[ "$status" = 404 ] || [ "$status" = 400 ] || die "path traversal: $status"

# the API: a token, and exactly the JSON of `gemis progress --json`
expect_ok "$GEMIS" token create laichau
token=$out
expect_ok "$GEMIS" progress --unit 12 --year 2026 --json
echo "$out" >cli.json
http GET "/api/v1/progress?unit=12&year=2026" -H "Authorization: Bearer $token"
expect_status 200
cmp -s cli.json body.txt || { diff cli.json body.txt | head; die "the API and the CLI differ"; }
http GET "/api/v1/progress?unit=24&year=2026" -H "Authorization: Bearer $token"
expect_status 403
http GET "/api/v1/progress?unit=99999&year=2026" -H "Authorization: Bearer $token"
expect_status 403
http GET "/api/v1/progress?unit=12&year=2026"
expect_status 401
contains "$(header WWW-Authenticate)" Bearer
http GET "/api/v1/progress?unit=12" -H "Authorization: Bearer gmt_0000000000000000000000000000000000000000000000000000000000000000"
expect_status 401

# the OpenAPI document describes every API route (src/api/routes.c)
http GET /api/v1/openapi.json
expect_status 200
jq -e .openapi body.txt >/dev/null || die "openapi.json is not JSON"
for p in $(sed -n 's|.*"\(/api/v1/[^"]*\)".*|\1|p' "$ROOT/src/api/routes.c"); do
	jq -e --arg p "$p" '.paths[$p]' body.txt >/dev/null || die "openapi.json does not describe $p"
done

stop_server

# behind a proxy on this machine: the client's address from X-Forwarded-For,
# only with --trust-proxy (sign-in throttling counts per address)
start_server --trust-proxy
JAR=p.jar http GET /login
t=$(csrf_of)
JAR=p.jar http POST /login -H "X-Forwarded-For: 198.51.100.9, 203.0.113.7" --data-urlencode "csrf=$t" \
	--data-urlencode "name=proxied" --data-urlencode "password=wrong password"
expect_status 401
JAR=p.jar http POST /login -H "X-Forwarded-For: not an address" --data-urlencode "csrf=$t" \
	--data-urlencode "name=proxied" --data-urlencode "password=wrong password"
stop_server
[ "$(sql gemis.db "SELECT ip FROM login_failures WHERE name = 'proxied' ORDER BY id")" = "203.0.113.7
127.0.0.1" ] || die "the forwarded address"
start_server
JAR=p.jar http POST /login -H "X-Forwarded-For: 203.0.113.8" --data-urlencode "csrf=$t" \
	--data-urlencode "name=direct" --data-urlencode "password=wrong password"
stop_server
[ "$(sql gemis.db "SELECT ip FROM login_failures WHERE name = 'direct'")" = 127.0.0.1 ] || die "X-Forwarded-For believed without --trust-proxy"

# behind TLS: Secure, __Host- cookies and HSTS
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 -subj /CN=127.0.0.1 2>/dev/null
start_server --tls-cert cert.pem --tls-key key.pem
case "$BASE" in https://*) ;; *) die "TLS URL: $BASE" ;; esac
JAR=tls.jar http GET /login -k
expect_status 200
grep -qi '^set-cookie: __Host-gemis_pre=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Strict; Secure' headers.txt || die "Secure __Host- cookie"
contains "$(header Strict-Transport-Security)" "max-age="
t=$(csrf_of)
JAR=tls.jar http POST /login -k --data-urlencode "csrf=$t" --data-urlencode "name=binhlu" --data-urlencode "password=gemis-demo-2026"
expect_status 303
grep -qi '^set-cookie: __Host-gemis_session=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Strict; Secure' headers.txt || die "Secure session cookie"
JAR=tls.jar http GET / -k
expect_status 200
stop_server
