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
