# Accounts (issue 22 goal 7): no common password can be set anywhere (the
# command line's user add and passwd, the users page, the password change),
# in either language; "sign out everywhere" ends every other session and
# every API token of the account, with its CSRF token, and leaves other
# accounts alone; every sign-in, failure and signing out is in the sign-in
# log (never the password), which admins read for their subtree and no one
# else reads.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
printf 'a long enough password\n' >pw.txt

# --- the password policy -----------------------------------------------------
# the command line: creation and the new `user passwd`, in English and Vietnamese
printf 'Password123\n' >common.txt
expect_fail 1 "$GEMIS" user add lc.common --role viewer --unit 12 --password-stdin <common.txt
contains "$err" "most common"
expect_fail 1 env GEMIS_LANG=vi "$GEMIS" user add lc.common --role viewer --unit 12 --password-stdin <common.txt
contains "$err" "mật khẩu này thuộc loại phổ biến nhất"
printf 'QWERTYUIOP\n' >common2.txt
expect_fail 1 "$GEMIS" user add lc.common --role viewer --unit 12 --password-stdin <common2.txt
contains "$err" "most common"
# nor one that holds the account's name (the first thing tried)
printf 'I am LC.Common, really\n' >named.txt
expect_fail 1 "$GEMIS" user add lc.common --role viewer --unit 12 --password-stdin <named.txt
contains "$err" "may not contain the user name"
[ "$(sql gemis.db "SELECT COUNT(*) FROM users WHERE name = 'lc.common'")" = 0 ] || die "an account with a common password"
expect_ok "$GEMIS" user add lc.viewer --role viewer --unit 12 --password-stdin <pw.txt
expect_fail 1 "$GEMIS" user passwd lc.viewer --password-stdin <common.txt
contains "$err" "most common"
printf 'short\n' >short.txt
expect_fail 1 "$GEMIS" user passwd lc.viewer --password-stdin <short.txt
contains "$err" "at least 10 characters"
printf 'lc.viewer 2026 spring\n' >named2.txt
expect_fail 1 "$GEMIS" user passwd lc.viewer --password-stdin <named2.txt
contains "$err" "may not contain the user name"
printf 'set from the shell 1\n' >pw2.txt
expect_ok "$GEMIS" user passwd lc.viewer --password-stdin <pw2.txt
contains "$out" "lc.viewer"
expect_fail 1 "$GEMIS" user passwd nobody.here --password-stdin <pw2.txt
contains "$err" "no such account"
# --as: a focal point may not set an admin's password (logged), but may set
# its commune's viewer's
expect_fail 1 "$GEMIS" user passwd admin --as binhlu --password-stdin <pw2.txt
contains "$err" "may not manage"
expect_ok "$GEMIS" user passwd binhlu.viewer --as binhlu --password-stdin <pw2.txt
[ "$(sql gemis.db "SELECT COUNT(*) FROM case_access_log WHERE action = 'account' AND detail = 'password admin admin' AND allowed = 0")" = 1 ] ||
	die "the refused password of an admin is not in the case access log"

start_server
JAR=admin.jar sign_in admin gemis-demo-2026
JAR=admin.jar http GET /lang/en
csrf_admin=$(JAR=admin.jar csrf_token)
# the users page: creating and resetting
JAR=admin.jar http POST /users --data-urlencode "csrf=$csrf_admin" --data-urlencode name=lc.web \
	--data-urlencode role=viewer --data-urlencode unit=12 --data-urlencode "password=1234567890"
expect_status 400
contains "$body" "most common"
JAR=admin.jar http POST /users/lc.viewer/password --data-urlencode "csrf=$csrf_admin" --data-urlencode "password=iloveyou123"
expect_status 400
contains "$body" "most common"
JAR=lc.jar sign_in lc.viewer "set from the shell 1"
# the password change, in Vietnamese too
csrf_lc=$(JAR=lc.jar csrf_token)
JAR=lc.jar http POST /account/password --data-urlencode "csrf=$csrf_lc" --data-urlencode "current=set from the shell 1" \
	--data-urlencode "password=Matkhau@123" --data-urlencode "confirm=Matkhau@123"
expect_status 400
contains "$body" "mật khẩu này thuộc loại phổ biến nhất"
JAR=lc.jar http GET /lang/en
JAR=lc.jar http POST /account/password --data-urlencode "csrf=$csrf_lc" --data-urlencode "current=set from the shell 1" \
	--data-urlencode "password=abc@123456" --data-urlencode "confirm=abc@123456"
expect_status 400
contains "$body" "one of the most common ones"

# --- sign out everywhere -------------------------------------------------------
JAR=lc2.jar sign_in lc.viewer "set from the shell 1"
JAR=bystander.jar sign_in binhlu gemis-demo-2026
expect_ok "$GEMIS" token create lc.viewer --label script
lc_token=$out
expect_ok "$GEMIS" token create binhlu --label script
focal_token=$out
http GET /api/v1/me -H "Authorization: Bearer $lc_token"
expect_status 200
csrf_lc=$(JAR=lc.jar csrf_token)
JAR=lc.jar http GET /account
contains "$body" 'action="/account/signout-all"'
# without its CSRF token, or with another session's: refused, nothing ends
JAR=lc.jar http POST /account/signout-all
expect_status 403
csrf_lc2=$(JAR=lc2.jar csrf_token)
JAR=lc.jar http POST /account/signout-all --data-urlencode "csrf=$csrf_lc2"
expect_status 403
JAR=lc2.jar http GET /account
expect_status 200
# an API token cannot use it
http POST /account/signout-all -H "Authorization: Bearer $lc_token" -H "X-CSRF-Token: x"
[ "$status" = 403 ] || [ "$status" = 401 ] || die "an API token signed out everywhere: $status"
JAR=lc.jar http POST /account/signout-all --data-urlencode "csrf=$csrf_lc"
expect_status 303
contains "$(header Location)" "/account?signedout=1"
# this browser stays in, under a new session; the other browser and the token are out
JAR=lc.jar http GET /account?signedout=1
expect_status 200
contains "$body" "Every other session was ended and 1 API token revoked."
JAR=lc2.jar http GET /account
expect_status 401
sleep 0.5 # servers drop revoked tokens from their cache within a quarter second
http GET /api/v1/me -H "Authorization: Bearer $lc_token"
expect_status 401
# another account is untouched
JAR=bystander.jar http GET /account
expect_status 200
http GET /api/v1/me -H "Authorization: Bearer $focal_token"
expect_status 200

# --- the sign-in log ------------------------------------------------------------
JAR=wrong.jar http GET /login
t=$(csrf_of)
JAR=wrong.jar http POST /login --data-urlencode "csrf=$t" --data-urlencode "name=lc.viewer" \
	--data-urlencode "password=a secret guess 42"
expect_status 401
JAR=wrong.jar http POST /login --data-urlencode "csrf=$t" --data-urlencode "name=no.such.person" \
	--data-urlencode "password=a secret guess 43"
expect_status 401
JAR=lc.jar http POST /logout --data-urlencode "csrf=$(JAR=lc.jar csrf_token)"
expect_status 303
rows=$(sql gemis.db "SELECT name || ' ' || ip || ' ' || action || ' ' || result FROM signin_log
	WHERE name IN ('lc.viewer', 'no.such.person') ORDER BY id")
want="lc.viewer 127.0.0.1 signin ok
lc.viewer 127.0.0.1 password ok
lc.viewer 127.0.0.1 password ok
lc.viewer 127.0.0.1 signin ok
lc.viewer 127.0.0.1 signout_all ok
lc.viewer 127.0.0.1 signin wrong
no.such.person 127.0.0.1 signin wrong
lc.viewer 127.0.0.1 signout ok"
[ "$rows" = "$want" ] || { printf '%s\n' "$rows" >&2; die "the sign-in log"; }
# never a password, in the log or anywhere in the database's text dump
not_contains "$(sql gemis.db "SELECT * FROM signin_log")" "secret guess"
not_contains "$(cat serve.out serve.err)" "secret guess" "the server's output"

# admins read it for their subtree; names no account has only at the root
JAR=admin.jar http GET "/signins?unit=12"
expect_status 200
contains "$body" "lc.viewer"
contains "$body" "wrong password"
not_contains "$body" "no.such.person" "the log of province 12"
contains "$body" "<td>binhlu</td>"
not_contains "$body" "<td>admin</td>" "the log of province 12 (the admin's unit is VN)"
JAR=admin.jar http GET "/signins?unit=VN&name=no.such.person"
expect_status 200
contains "$body" "no.such.person"
not_contains "$body" "lc.viewer"
JAR=admin.jar http GET "/users?unit=12"
contains "$body" 'href="/signins?unit=12"'
# nobody else: a focal point, a province, a viewer
for who in binhlu:gemis-demo-2026 laichau:gemis-demo-2026 binhlu.vhxh:gemis-demo-2026; do
	JAR="$who.jar" sign_in "${who%%:*}" "${who#*:}"
	JAR="$who.jar" http GET "/signins"
	expect_status 403
	JAR="$who.jar" http GET "/users?unit=03390"
	not_contains "$body" 'href="/signins' "the users page of ${who%%:*}"
done
# the command line
expect_ok "$GEMIS" user signins --unit 12 --name lc.viewer --limit 3
contains "$out" "lc.viewer"
contains "$out" "signout"
[ "$(printf '%s\n' "$out" | wc -l)" = 4 ] || die "user signins --limit 3 printed: $out"
# the columns line up by display width, in Vietnamese too ("thời điểm (UTC)"
# is 15 columns but 19 bytes): the name starts at column 20 of every line
expect_ok env GEMIS_LANG=vi "$GEMIS" user signins --unit 12 --name lc.viewer --limit 3
contains "$out" "thời điểm (UTC)"
printf '%s\n' "$out" | python3 -c '
import sys
lines = sys.stdin.read().splitlines()
bad = [l for l in lines if l[17:19] != "  " or l[19] == " "]
sys.exit("columns by bytes, not display width:\n" + "\n".join(bad) if bad else 0)' ||
	die "user signins in Vietnamese: the name column does not line up"
expect_ok "$GEMIS" user signins --name no.such.person
contains "$out" "no.such.person"
expect_fail 1 "$GEMIS" user signins --unit 99999
contains "$err" "unknown unit code"
expect_fail 2 "$GEMIS" user signins --limit 0
stop_server
echo "password policy, sign out everywhere and the sign-in log: ok"
