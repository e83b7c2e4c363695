# The command line: help for every command, usage errors, the version.
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" --help
contains "$out" "values import"
contains "$out" "progress"
for c in init demo "values import" progress "plan load" units indicators "user add" "token create" help version; do
	# shellcheck disable=SC2086
	expect_ok "$GEMIS" $c --help
	contains "$out" "Usage: gemis $c" "help of $c"
done
expect_ok "$GEMIS" help progress
contains "$out" "--unit CODE"
expect_ok "$GEMIS" --lang vi help progress
contains "$out" "Cách dùng"
expect_fail 2 "$GEMIS" frobnicate
contains "$err" "unknown command 'frobnicate'"
expect_fail 2 "$GEMIS" values
contains "$err" "gemis values import"
expect_fail 2 "$GEMIS" progress --year 2026
contains "$err" "Usage: gemis progress"
expect_fail 2 "$GEMIS" --lang fr version
expect_ok "$GEMIS" version
contains "$out" "gemis 0."
# no database here: a clear message, not a new empty file
expect_fail 1 "$GEMIS" progress --unit VN --year 2026
contains "$err" "gemis.db: no database here"
[ ! -e gemis.db ] || die "a failed command created gemis.db"

# every command of `gemis help` is in the manual page
expect_ok "$GEMIS" help
printf '%s\n' "$out" | sed -n 's/^  \([a-z][a-z]*\( [a-z][a-z]*\)\{0,1\}\)  .*/\1/p' | sed 's/ *$//' >commands.txt
[ "$(wc -l <commands.txt)" -ge 10 ] || die "command list"
while read -r c; do
	pat=$(printf '%s' "$c" | sed 's/ /\\\\? /g')
	grep -q "gemis $pat" "$ROOT/docs/gemis.1" || grep -q "^\.B.* $c\b" "$ROOT/docs/gemis.1" || die "docs/gemis.1 does not document '$c'"
done <commands.txt
