# Two-step sign-in (issue 22): the roles gemis serve asks it of by default
# (admins, caseworkers) enrol an authenticator before anything else; a code
# is good once; a recovery code signs in once; a wrong code is throttled
# like a wrong password, and the right password does not reset the count;
# other roles may turn it on and off; an admin's reset from the command
# line is in the case access log.  The codes are computed here from the
# key the page shows, by RFC 6238, independently of src/util/totp.c.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
TWO_STEP=default start_server
PW=gemis-demo-2026

# totp KEY [STEPS]: the code of now + STEPS steps (base32 key, SHA-1, 6 digits)
totp() {
	python3 -c 'import base64, hmac, hashlib, struct, sys, time
key = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
step = int(time.time()) // 30 + int(sys.argv[2])
mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
off = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[off:off + 4])[0] & 0x7fffffff) % 1000000))' "$1" "${2:-0}"
}
login() { # name password [code], in English
	http GET /lang/en
	http GET /login
	t=$(csrf_of)
	if [ $# -gt 2 ]; then
		http POST /login --data-urlencode "csrf=$t" --data-urlencode "name=$1" --data-urlencode "password=$2" \
			--data-urlencode "code=$3"
	else
		http POST /login --data-urlencode "csrf=$t" --data-urlencode "name=$1" --data-urlencode "password=$2"
	fi
}

# an admin without an authenticator is sent to enrol, and nothing else opens
JAR=admin.jar http GET /lang/en
JAR=admin.jar sign_in admin "$PW"
JAR=admin.jar http GET /
expect_status 303
[ "$(header Location)" = /account/totp ] || die "the admin was not sent to enrol: $(header Location)"
JAR=admin.jar http GET "/users?unit=VN"
expect_status 303
JAR=admin.jar http GET /api/v1/me
expect_status 403
JAR=admin.jar http GET /account/totp
expect_status 200
contains "$body" "turn two-step sign-in on to go on"
csrf=$(csrf_of)
JAR=admin.jar http POST /account/totp --data-urlencode "csrf=$csrf" --data-urlencode action=start
expect_status 303
JAR=admin.jar http GET /account/totp
contains "$body" '<svg class="qr"'
key=$(grep -o '<code class="key">[A-Z2-7 ]*</code>' body.txt | sed 's/<[^>]*>//g; s/ //g')
[ ${#key} = 32 ] || die "no key of 32 letters on the page: '$key'"
# a wrong code does not turn it on; the right one does and shows the
# recovery codes once
wrong=$(printf "%06d" $(((1$(totp "$key") - 1000000 + 500000) % 1000000)))
JAR=admin.jar http POST /account/totp --data-urlencode "csrf=$csrf" --data-urlencode action=confirm \
	--data-urlencode "code=$wrong"
expect_status 400
contains "$body" "That code is not right"
JAR=admin.jar http POST /account/totp --data-urlencode "csrf=$csrf" --data-urlencode action=confirm \
	--data-urlencode "code=$(totp "$key")"
expect_status 200
contains "$body" "Recovery codes"
grep -o '<li><code>[a-z0-9-]*</code></li>' body.txt | sed 's/<[^>]*>//g' >recovery.txt
[ "$(wc -l <recovery.txt)" = 10 ] || die "not ten recovery codes"
JAR=admin.jar http GET /
expect_status 200
JAR=admin.jar http GET /account/totp
contains "$body" "Two-step sign-in is on since"
contains "$body" "10 recovery codes left"
not_contains "$body" "$(head -1 recovery.txt)" "the page after"
[ "$(sql gemis.db "SELECT COUNT(*) FROM account_recovery WHERE code_hash = '$(head -1 recovery.txt)'")" = 0 ] ||
	die "a recovery code is stored as it is"

# signing in now asks for a code; the one just used is refused (a code is
# good once), the next step's is taken
JAR=b1.jar login admin "$PW"
expect_status 200
contains "$body" "type your password again and the code"
contains "$body" 'name="code"'
JAR=b1.jar http GET /
expect_status 401
code=$(totp "$key" 1)
JAR=b1.jar login admin "$PW" "$code"
expect_status 303
JAR=b1.jar http GET /
expect_status 200
JAR=b2.jar login admin "$PW" "$code"
expect_status 401
contains "$body" "Wrong user name, password or code."
# a recovery code, typed in capitals with a space, signs in once
rc=$(sed -n 2p recovery.txt | tr 'a-z-' 'A-Z ')
JAR=b3.jar login admin "$PW" "$rc"
expect_status 303
JAR=b4.jar login admin "$PW" "$rc"
expect_status 401
# wrong codes are throttled like wrong passwords (3 free, then waits), and
# the right password given meanwhile does not forget them (one failure
# already: the recovery code used twice)
JAR=b5.jar login admin "$PW" 000000
expect_status 401
JAR=b5.jar login admin "$PW"
expect_status 200
JAR=b5.jar login admin "$PW" 000001
JAR=b5.jar login admin "$PW" "$(totp "$key" 1)"
expect_status 429
[ -n "$(header Retry-After)" ] || die "no Retry-After"
[ "$(sql gemis.db "SELECT COUNT(*) FROM signin_log WHERE name = 'admin' AND result = 'wrong'")" = 4 ] ||
	die "the wrong codes are not in the sign-in log"

# other roles are not asked, may turn it on, and off with their password
JAR=viewer.jar http GET /lang/en
JAR=viewer.jar sign_in binhlu.viewer "$PW"
JAR=viewer.jar http GET /
expect_status 200
JAR=viewer.jar http GET /account/totp
not_contains "$body" "to go on" "the viewer's page"
vcsrf=$(csrf_of)
JAR=viewer.jar http POST /account/totp --data-urlencode "csrf=$vcsrf" --data-urlencode action=start
JAR=viewer.jar http GET /account/totp
vkey=$(grep -o '<code class="key">[A-Z2-7 ]*</code>' body.txt | sed 's/<[^>]*>//g; s/ //g')
[ "$vkey" != "$key" ] || die "two accounts got the same key"
JAR=viewer.jar http POST /account/totp --data-urlencode "csrf=$vcsrf" --data-urlencode action=confirm \
	--data-urlencode "code=$(totp "$vkey")"
expect_status 200
JAR=v2.jar login binhlu.viewer "$PW"
contains "$body" 'name="code"'
JAR=viewer.jar http POST /account/totp --data-urlencode "csrf=$vcsrf" --data-urlencode action=off \
	--data-urlencode "password=not the password"
expect_status 401
JAR=viewer.jar http POST /account/totp --data-urlencode "csrf=$vcsrf" --data-urlencode action=off \
	--data-urlencode "password=$PW"
expect_status 303
JAR=v3.jar login binhlu.viewer "$PW"
expect_status 303
# ... which an admin may not: its role must use it
JAR=admin.jar http POST /account/totp --data-urlencode "csrf=$(JAR=admin.jar csrf_token)" \
	--data-urlencode action=off --data-urlencode "password=$PW"
expect_status 403

# a lost phone: an admin resets it on the command line, logged
expect_fail 1 "$GEMIS" user two-step-off admin --as binhlu
contains "$err" "may not manage admin accounts"
expect_ok "$GEMIS" user two-step-off admin
contains "$out" "signs in with a password alone"
[ "$(sql gemis.db "SELECT COUNT(*) FROM case_access_log WHERE detail = 'two-step-off admin admin' AND allowed = 1")" = 1 ] ||
	die "the reset is not in the case access log"
[ "$(sql gemis.db "SELECT COUNT(*) FROM case_access_log WHERE detail LIKE 'two-step-off admin admin' AND allowed = 0")" = 1 ] ||
	die "the refused reset is not in the case access log"
[ "$(sql gemis.db "SELECT COUNT(*) FROM account_totp t JOIN users u ON u.id = t.user_id WHERE u.name = 'admin'")" = 0 ] ||
	die "the admin's authenticator is still there"
stop_server

expect_fail 2 "$GEMIS" serve --two-step wizard
contains "$err" "not a list of roles"
