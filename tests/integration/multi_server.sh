# Several `gemis serve` processes over one database stay consistent: a
# change written by one process is in the API answers of every server
# within a second (each checks the data version at most every 250 ms), and
# a server that sees a change reloads once, not on every request; a
# revoked token is refused by every server within the same second.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
expect_ok "$GEMIS" token create admin --label multi-server
token=$out

# two servers on the same database, each with its own output files
pids=""
bases=""
for n in a b; do
	: >"serve-$n.out"
	"$GEMIS" serve --port 0 >"serve-$n.out" 2>"serve-$n.err" &
	pid=$!
	pids="$pids $pid"
	i=0
	base=""
	while [ $i -lt 100 ] && [ -z "$base" ]; do
		base=$(sed -n 's|.* at \(https*://[^ ]*[0-9]\)/$|\1|p' "serve-$n.out")
		kill -0 "$pid" 2>/dev/null || { cat "serve-$n.err" >&2; die "server $n did not start"; }
		[ -n "$base" ] || sleep 0.1
		i=$((i + 1))
	done
	[ -n "$base" ] || die "server $n did not print its URL"
	bases="$bases $base"
done
stop_all() {
	for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
	for p in $pids; do wait "$p" 2>/dev/null || true; done
}
trap stop_all EXIT

# value_at BASE: Bình Lư's female_wage_workers numerator in 2026, by the API
value_at() {
	curl -s -S -H "Authorization: Bearer $token" "$1/api/v1/progress?unit=03390&year=2026" |
		jq '.indicators[] | select(.indicator == "female_wage_workers") | .numerator'
}
for b in $bases; do
	v=$(value_at "$b")
	[ -n "$v" ] && [ "$v" != null ] || die "no value from $b"
	before=$v
done
for b in $bases; do
	[ "$(value_at "$b")" = "$before" ] || die "the servers disagree before the change"
done

# a third process changes the value; both servers must show it within 1 s
new=$((before + 7))
den=$(sql gemis.db "SELECT CAST(value AS INTEGER) FROM datavalues d JOIN units u ON u.id = d.unit_id
	WHERE u.code = '03390' AND d.period = '2026' AND d.indicator = 'female_wage_workers' AND d.part = 'den' AND d.sex = 'T'")
[ "$new" -le "$den" ] || new=$((before - 7))
printf 'unit,period,indicator,part,sex,value\n03390,2026,female_wage_workers,num,T,%s\n' "$new" >change.csv
expect_ok "$GEMIS" values import change.csv --as writer
t0=$(date +%s%N)
for b in $bases; do
	while :; do
		[ "$(value_at "$b")" = "$new" ] && break
		elapsed=$((($(date +%s%N) - t0) / 1000000))
		[ $elapsed -lt 1000 ] || die "$b still shows $before $elapsed ms after the change"
		sleep 0.05
	done
done
elapsed=$((($(date +%s%N) - t0) / 1000000))
echo "both servers show the change after $elapsed ms"

# a change of the province's sum crosses servers too (the roll-up is redone)
for b in $bases; do
	p=$(curl -s -S -H "Authorization: Bearer $token" "$b/api/v1/progress?unit=12&year=2026" |
		jq '.indicators[] | select(.indicator == "female_wage_workers") | .numerator')
	echo "$p" >>province.txt
done
[ "$(sort -u province.txt | wc -l)" = 1 ] || die "the servers disagree on the province's sum"

# a change applied in place gives what reading everything gives: each
# server's answers for the commune, its province and the nation are those
# of a fresh process (gemis progress reads the whole database)
same_as_reload() {
	for u in 03390 12 VN; do
		"$GEMIS" progress --unit "$u" --year 2026 --json >"reload-$u.json" || die "gemis progress $u"
		for b in $bases; do
			curl -s -S -H "Authorization: Bearer $token" "$b/api/v1/progress?unit=$u&year=2026" >"served-$u.json"
			cmp -s "served-$u.json" "reload-$u.json" || {
				diff "served-$u.json" "reload-$u.json" | head -20 >&2
				die "$b answers for $u differ from a full reload ($1)"
			}
		done
	done
}
same_as_reload "after an import by another process"

# values posted through one server reach the other the same way
new2=$((new > 10 ? new - 3 : new + 3))
printf 'unit,period,indicator,part,sex,value\n03390,2026,female_wage_workers,num,T,%s\n' "$new2" >change2.csv
first=$(echo $bases | cut -d' ' -f1)
code=$(curl -s -o post.json -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' \
	--data-binary @change2.csv "$first/api/v1/values")
[ "$code" = 200 ] || { cat post.json >&2; die "POST /api/v1/values answered $code"; }
t0=$(date +%s%N)
for b in $bases; do
	while :; do
		[ "$(value_at "$b")" = "$new2" ] && break
		elapsed=$((($(date +%s%N) - t0) / 1000000))
		[ $elapsed -lt 1000 ] || die "$b still shows $new $elapsed ms after the post"
		sleep 0.05
	done
done
same_as_reload "after a post through $first"
new=$new2

# without further changes, many requests do not reload the snapshot again
for i in 1 2 3 4 5 6 7 8 9 10; do
	for b in $bases; do value_at "$b" >/dev/null; done
done
for b in $bases; do
	[ "$(value_at "$b")" = "$new" ] || die "$b lost the change"
done

# a token revoked by a third process stops working on every server within
# a second, although each remembers who it belongs to between requests
for b in $bases; do
	[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$b/api/v1/me")" = 200 ] ||
		die "$b does not know the token"
done
expect_ok "$GEMIS" token revoke --all admin
t0=$(date +%s%N)
for b in $bases; do
	while :; do
		[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$b/api/v1/me")" = 401 ] && break
		elapsed=$((($(date +%s%N) - t0) / 1000000))
		[ $elapsed -lt 1000 ] || die "$b still accepts a revoked token $elapsed ms after"
		sleep 0.05
	done
done

stop_all
trap - EXIT
for n in a b; do
	if grep -q -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "serve-$n.err"; then
		tail -30 "serve-$n.err" >&2
		die "server $n reported an error"
	fi
done
