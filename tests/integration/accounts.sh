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
expect_fail 1 "$GEMIS" user add bo.x --role ministry --unit 12
contains "$err" "a ministry account belongs to the nation (VN)"
expect_fail 1 "$GEMIS" user add mttq.x --role supervisor --unit 12
contains "$err" "this role belongs to a commune or ward"
[ "$(sql gemis.db "SELECT COUNT(*) FROM users")" = 4 ] || die "a refused account was created"
expect_ok "$GEMIS" user add bo.noivu --role ministry --unit VN
expect_ok "$GEMIS" user add mttq.binhlu --role supervisor --unit 03390 --as focal.binhlu
[ "$(sql gemis.db "SELECT role FROM users WHERE name IN ('bo.noivu', 'mttq.binhlu') ORDER BY name")" = "ministry
supervisor" ] || die "the ministry and supervisor accounts"
expect_fail 1 "$GEMIS" user add bo.two --role ministry --unit VN --as focal.binhlu


# the accounts that hold the case register are an admin's: a focal point
# that could create a caseworker, or set its password, could read every
# case.  Each such change, and each refusal, is in the case access log.
account_log() {
	sql gemis.db "SELECT user_name || ' ' || role || ' ' || coalesce(unit_code, '-') || ' ' || detail || ' ' || allowed
		FROM case_access_log WHERE action = 'account' ORDER BY id"
}
expect_ok "$GEMIS" user add cw.binhlu --role caseworker --unit 03390 --password-stdin <pw.txt
expect_fail 1 "$GEMIS" user add cw.two --role caseworker --unit 03390 --as focal.binhlu
contains "$err" "focal.binhlu may not manage caseworker accounts of Xã Bình Lư"
expect_fail 1 "$GEMIS" user add admin3 --role admin --unit VN --as focal.binhlu
contains "$err" "may not manage admin accounts"
expect_fail 1 "$GEMIS" user add f.two --role focal --unit 03390 --as focal.binhlu
expect_fail 1 "$GEMIS" user add v.other --role viewer --unit 03394 --as focal.binhlu
expect_fail 1 "$GEMIS" user add v.two --role viewer --unit 03390 --as nobody
contains "$err" "--as: no such active account 'nobody'"
expect_ok "$GEMIS" user add v.two --role viewer --unit 03390 --as focal.binhlu
expect_ok "$GEMIS" user add r.two --role reporter --agency yte --unit 03390 --as focal.binhlu
expect_ok "$GEMIS" user add cw.three --role caseworker --unit 03390 --as admin
[ "$(sql gemis.db "SELECT COUNT(*) FROM users WHERE name IN ('cw.two', 'admin3', 'f.two', 'v.other')")" = 0 ] ||
	die "a focal point created an account it may not manage"
expect_ok "$GEMIS" token create cw.binhlu --label phone
log=$(account_log)
printf '%s\n' "$log"
# (the unit is the account's)
[ "$(printf '%s\n' "$log" | wc -l)" = 6 ] || die "account log rows"
want="cli:USER admin VN create admin admin 1
cli:USER admin 03390 create caseworker cw.binhlu 1
focal.binhlu focal 03390 create caseworker cw.two 0
focal.binhlu focal VN create admin admin3 0
admin admin 03390 create caseworker cw.three 1
cli:USER admin 03390 token caseworker cw.binhlu 1"
[ "$(printf '%s\n' "$log" | sed 's/^cli:[^ ]*/cli:USER/')" = "$want" ] || die "the account log"
# the address a caseworker's reminders go to is logged like its password
# (it was not, and a refusal was not either)
expect_fail 1 "$GEMIS" user email cw.binhlu spy@example.vn --as focal.binhlu
contains "$err" "focal.binhlu may not manage caseworker accounts of Xã Bình Lư"
expect_ok "$GEMIS" user email cw.binhlu cw@binhlu.example.vn --as admin
expect_ok "$GEMIS" user email v.two v@binhlu.example.vn --as focal.binhlu
[ "$(account_log | tail -2)" = "focal.binhlu focal 03390 email caseworker cw.binhlu 0
admin admin 03390 email caseworker cw.binhlu 1" ] || die "the log of a caseworker's address: $(account_log | tail -2)"

expect_ok "$GEMIS" token create focal.binhlu --label script
token=$out
case "$token" in gmt_*) ;; *) die "token format: $token" ;; esac
[ ${#token} = 68 ] || die "token length"
contains "$err" "shown only once"
[ "$(sql gemis.db "SELECT COUNT(*) FROM api_tokens WHERE token_hash = '$token'")" = 0 ] || die "token stored in clear"
[ "$(sql gemis.db "SELECT COUNT(*) FROM api_tokens WHERE length(token_hash) = 64")" = 2 ] || die "token hash"
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
[ "$(sql gemis.db "SELECT COUNT(*) FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE revoked_at IS NULL AND u.name = 'focal.binhlu'")" = 0 ] || die "revoked all"
expect_ok "$GEMIS" token list focal.binhlu
# never used, both revoked: '-' then a time in the revoked column
[ "$(printf '%s\n' "$out" | grep -c -E ' - +[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{5}  ')" = 2 ] || die "token list after revoking: $out"

# migration 0104 rebuilds the accounts table on SQLite (a CHECK cannot be
# altered there): run again on accounts with tokens, it keeps every row, the
# references to them and the trigger that tells servers accounts changed
expect_ok "$GEMIS" token create rep.yte
before=$(sql gemis.db "SELECT id, name, role FROM users ORDER BY id")
sql gemis.db "DELETE FROM schema_migrations WHERE name LIKE '0104_roles%'"
expect_ok "$GEMIS" units --parent 12
[ "$(sql gemis.db "SELECT id, name, role FROM users ORDER BY id")" = "$before" ] || die "the accounts changed in 0104"
[ "$(sql gemis.db "SELECT COUNT(*) FROM schema_migrations WHERE name LIKE '0104_roles%'")" = 1 ] || die "0104 not recorded"
[ "$(sql gemis.db "SELECT COUNT(*) FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE u.name = 'rep.yte'")" = 1 ] ||
	die "the token lost its account"
if ! on_pg; then
	[ -z "$(sql gemis.db "PRAGMA foreign_key_check")" ] || die "0104 broke a foreign key"
fi
v0=$(sql gemis.db "SELECT value FROM meta WHERE key = 'accounts_version'")
sql gemis.db "UPDATE users SET full_name = 'Trạm Y tế' WHERE name = 'rep.yte'"
v1=$(sql gemis.db "SELECT value FROM meta WHERE key = 'accounts_version'")
[ "$v1" -gt "$v0" ] || die "the accounts version did not move after 0104 ($v0 -> $v1)"
