# API tokens on the account page (issue 16, item 5): listed, made (shown
# once, in the answer to the POST, never stored in clear), used by a
# program, revoked; only one's own; never by a request made with a token;
# a caseworker's token written to the case access log as on the command line.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
start_server
JAR=vhxh.jar sign_in binhlu.vhxh gemis-demo-2026
JAR=vhxh.jar http GET /lang/en
JAR=focal.jar sign_in binhlu gemis-demo-2026

JAR=vhxh.jar http GET /account
expect_status 200
contains "$body" "API tokens"
contains "$body" "No token yet."
csrf=$(csrf_of)

# made: shown once, in this answer only, which no cache keeps
JAR=vhxh.jar http POST /account/tokens --data-urlencode "csrf=$csrf" --data-urlencode 'label=script <b>tỉnh</b>'
expect_status 200
[ "$(header Cache-Control)" = no-store ] || die "the answer with the token may be cached: $(header Cache-Control)"
token=$(grep -o 'id="new-token">[^<]*<' body.txt | sed 's/.*">//; s/<$//')
[ ${#token} -ge 32 ] || die "no token shown: $(grep -o '<section class="narrow" id="tokens">.*' body.txt | head -c 800)"
contains "$body" "script &lt;b&gt;tỉnh&lt;/b&gt;"
not_contains "$body" "<b>tỉnh</b>"
[ "$(sql gemis.db "SELECT COUNT(*) FROM api_tokens WHERE token_hash = '$token' OR label LIKE '%$token%'")" = 0 ] ||
	die "the token is stored in clear"
[ "$(sql gemis.db "SELECT COUNT(*) FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE u.name = 'binhlu.vhxh'")" = 1 ] ||
	die "no token row for the account"
JAR=vhxh.jar http GET /account
not_contains "$body" "$token" "the account page shows the token again"
contains "$body" "script &lt;b&gt;tỉnh&lt;/b&gt;"
id=$(grep -o 'action="/account/tokens/[0-9]*/revoke"' body.txt | head -1 | grep -o '[0-9][0-9]*' || true)
[ -n "$id" ] || die "no revoke button"

# a program uses it
JAR=none.jar http GET /api/v1/me -H "Authorization: Bearer $token"
expect_status 200
[ "$(jq -r .name body.txt)" = binhlu.vhxh ] || die "the token acts as $(jq -r .name body.txt)"
# ... but may not make or end tokens (the pages do not take tokens)
JAR=none.jar http POST /account/tokens -H "Authorization: Bearer $token" --data-urlencode label=more
expect_status 401

# only one's own: the focal point cannot revoke the reporter's token
fcsrf=$(JAR=focal.jar csrf_token)
JAR=focal.jar http POST "/account/tokens/$id/revoke" --data-urlencode "csrf=$fcsrf"
expect_status 404
JAR=none.jar http GET /api/v1/me -H "Authorization: Bearer $token"
expect_status 200
JAR=vhxh.jar http POST /account/tokens/abc/revoke --data-urlencode "csrf=$csrf"
expect_status 404

# revoked by its owner: refused at once
JAR=vhxh.jar http POST "/account/tokens/$id/revoke" --data-urlencode "csrf=$csrf"
expect_status 303
contains "$(header Location)" "/account?revoked=1"
JAR=vhxh.jar http GET "/account?revoked=1"
contains "$body" "The token was revoked."
contains "$body" "revoked"
i=0
while :; do
	JAR=none.jar http GET /api/v1/me -H "Authorization: Bearer $token"
	[ "$status" = 401 ] && break
	i=$((i + 1))
	[ $i -lt 20 ] || die "a revoked token still works ($status)"
	sleep 0.1
done
JAR=vhxh.jar http POST "/account/tokens/$id/revoke" --data-urlencode "csrf=$csrf"
expect_status 404

# a caseworker's token is written to the case access log
printf 'a long enough password\n' >pw.txt
expect_ok "$GEMIS" user add cw.tokens --role caseworker --unit 03390 --password-stdin <pw.txt
expect_ok "$GEMIS" case log --as admin --limit 1000
before=$(printf '%s\n' "$out" | grep -c "token" || true)
JAR=cw.jar sign_in cw.tokens "a long enough password"
cwcsrf=$(JAR=cw.jar csrf_token)
JAR=cw.jar http POST /account/tokens --data-urlencode "csrf=$cwcsrf" --data-urlencode label=x
expect_status 200
expect_ok "$GEMIS" case log --as admin --limit 1000
after=$(printf '%s\n' "$out" | grep -c "token" || true)
[ "$after" -gt "$before" ] || die "the caseworker's new token is not in the case access log: $out"
stop_server
