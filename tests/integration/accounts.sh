# gemis user add and gemis token create: roles fit units, passwords are
# hashed, tokens are shown once and stored hashed.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" init
printf 'a long enough password\n' >pw.txt
printf 'short\n' >short.txt
expect_ok "$GEMIS" user add focal.binhlu --role focal --unit 03390 --full-name "Nguyễn Thị A" --password-stdin <pw.txt
contains "$out" "Created the account focal.binhlu (focal, Xã Bình Lư)"
[ "$(sql gemis.db "SELECT role || ' ' || substr(password_hash, 1, 9) FROM users WHERE name = 'focal.binhlu'")" = 'focal $argon2id' ] || die "argon2id hash"
expect_ok "$GEMIS" user add viewer.lc --role viewer --unit 12
contains "$out" "no password yet"
expect_ok "$GEMIS" user add rep.yte --role reporter --unit 03390 --agency yte --password-stdin <pw.txt
expect_ok "$GEMIS" user add admin --role admin --unit VN

expect_fail 1 "$GEMIS" user add focal.binhlu --role focal --unit 03390
contains "$err" "the user name 'focal.binhlu' is taken"
expect_fail 1 "$GEMIS" user add rep.nobody --role reporter --unit 03390
contains "$err" "needs its agency"
expect_fail 1 "$GEMIS" user add prov.bad --role province --unit 03390
contains "$err" "a province account belongs to a province"
expect_fail 1 "$GEMIS" user add admin2 --role admin --unit 12
contains "$err" "belongs to the nation"
expect_fail 1 "$GEMIS" user add "Bad Name" --role viewer --unit 12
contains "$err" "starts with a lower-case letter"
expect_fail 1 "$GEMIS" user add shorty --role viewer --unit 12 --password-stdin <short.txt
contains "$err" "at least 10 characters"
expect_fail 2 "$GEMIS" user add x.y --role wizard --unit 12
contains "$err" "unknown role 'wizard'"
expect_fail 2 "$GEMIS" user add x.y --role reporter --unit 03390 --agency nasa
contains "$err" "unknown agency 'nasa'"
expect_fail 1 "$GEMIS" user add x.y --role viewer --unit 99999
contains "$err" "unknown unit code '99999'"
[ "$(sql gemis.db "SELECT COUNT(*) FROM users")" = 4 ] || die "a refused account was created"

expect_ok "$GEMIS" token create focal.binhlu --label script
token=$out
case "$token" in gmt_*) ;; *) die "token format: $token" ;; esac
[ ${#token} = 68 ] || die "token length"
contains "$err" "shown only once"
[ "$(sql gemis.db "SELECT COUNT(*) FROM api_tokens WHERE token_hash = '$token'")" = 0 ] || die "token stored in clear"
[ "$(sql gemis.db "SELECT COUNT(*) FROM api_tokens WHERE length(token_hash) = 64")" = 1 ] || die "token hash"
expect_fail 1 "$GEMIS" token create nobody
contains "$err" "no such active account 'nobody'"

# gemis token list and revoke: the tokens are never shown again, only ids
expect_ok "$GEMIS" token create focal.binhlu --label second
expect_ok "$GEMIS" token list focal.binhlu
[ "$(printf '%s\n' "$out" | grep -c -E '^ +[0-9]+  [0-9]{4}-')" = 2 ] || die "token list: $out"
contains "$out" "script"
contains "$out" "second"
case "$out" in *gmt_*) die "token list shows a token" ;; esac
id1=$(sql gemis.db "SELECT MIN(t.id) FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE u.name = 'focal.binhlu'")
expect_fail 2 "$GEMIS" token revoke focal.binhlu first
contains "$err" "not a token id (see gemis token list) 'first'"
expect_fail 1 "$GEMIS" token revoke viewer.lc "$id1"
contains "$err" "the account has no live token with the id $id1"
expect_fail 1 "$GEMIS" token revoke nobody "$id1"
contains "$err" "no such account 'nobody'"
expect_fail 2 "$GEMIS" token revoke focal.binhlu
expect_ok "$GEMIS" token revoke focal.binhlu "$id1"
contains "$out" "Revoked 1 token(s) of focal.binhlu."
[ "$(sql gemis.db "SELECT COUNT(*) FROM api_tokens WHERE revoked_at IS NOT NULL")" = 1 ] || die "revoked one"
expect_fail 1 "$GEMIS" token revoke focal.binhlu "$id1"
contains "$err" "no live token"
expect_ok "$GEMIS" token revoke --all focal.binhlu
contains "$out" "Revoked 1 token(s)"
[ "$(sql gemis.db "SELECT COUNT(*) FROM api_tokens WHERE revoked_at IS NULL")" = 0 ] || die "revoked all"
expect_ok "$GEMIS" token list focal.binhlu
# never used, both revoked: '-' then a time in the revoked column
[ "$(printf '%s\n' "$out" | grep -c -E ' - +[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{5}  ')" = 2 ] || die "token list after revoking: $out"
