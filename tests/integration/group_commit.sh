# Saves sent at once to one server share their commits (group commit,
# http/writers.c): each is answered as if it had been alone, none is
# lost, a save refused in a group (a stale version, a bad value, an
# unknown form, a failure after it has written) leaves the others of its
# group saved, three saves of one
# form from the same version give one saved and two refused as stale, and
# an approval in a group is on the dashboard when it is answered.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
expect_ok "$GEMIS" token create admin --label group-commit
token=$out
start_server
auth="Authorization: Bearer $token"
json="Content-Type: application/json"

forms="03390/yte 03390/vhxh 03390/congan 03390/truonghoc 03390/ttdv 03390/kinhte 09385/vhxh 10816/congan"
# values NUM: every field of the form in fields.json, numerators NUM and
# denominators 1000 (one line of JSON)
values() {
	jq -c --argjson n "$1" '[.fields[] | {indicator, part, sex, period,
		value: (if .part == "den" then "1000" else ($n | tostring) end)}]' fields.json
}
k=0
for f in $forms; do
	http GET "/api/v1/submissions/$f/2026" -H "$auth"
	expect_status 200
	[ "$(jq -r .version body.txt)" = 0 ] || die "$f is not new"
	cp body.txt fields.json
	k=$((k + 1))
	printf '{"action": "save", "version": 0, "values": %s}' "$(values $((10 + k)))" >"save-$k.json"
done
# 03390/yte twice more from version 0 (stale once one is saved), a value
# that is no number, a form that does not exist
http GET /api/v1/submissions/03390/yte/2026 -H "$auth"
cp body.txt fields.json
[ "$(jq '.fields | length' fields.json)" -gt 0 ] || die "03390/yte has no fields"
printf '{"action": "save", "version": 0, "values": %s}' "$(values 31)" >stale-a.json
printf '{"action": "save", "version": 0, "values": %s}' "$(values 32)" >stale-b.json
jq -c '.values[0].value = "many"' save-2.json >bad.json

# a save that fails after it has written (a trigger refuses its
# explanation, written last): its savepoint is rolled back, its form and
# values stay as they were, its neighbours are saved
if on_pg; then
	sql gemis.db "CREATE FUNCTION boom() RETURNS trigger AS \$\$ BEGIN IF NEW.comment = 'boom' THEN
		RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END \$\$ LANGUAGE plpgsql;
		CREATE TRIGGER boom BEFORE INSERT ON value_comments FOR EACH ROW EXECUTE FUNCTION boom()"
else
	sql gemis.db "CREATE TRIGGER boom BEFORE INSERT ON value_comments WHEN NEW.comment = 'boom'
		BEGIN SELECT RAISE(ABORT, 'boom'); END"
fi
http GET /api/v1/submissions/03390/truonghoc/2026 -H "$auth"
[ "$(jq '.fields | length' body.txt)" -gt 0 ] || die "03390/truonghoc has no fields"
jq -c --arg i "$(jq -r '.fields[0].indicator' body.txt)" '. + {explain: {($i): "boom"}}' save-4.json >boom.json

# hold the database's write lock for two seconds, so that the saves queue
# behind the first and share the next commit
if on_pg; then
	printf 'BEGIN; LOCK TABLE submissions IN EXCLUSIVE MODE; SELECT pg_sleep(2); COMMIT;\n' |
		psql -X -q "$GEMIS_DB" >/dev/null &
else
	{ echo "BEGIN IMMEDIATE;"; sleep 2; echo "COMMIT;"; } | sqlite3 gemis.db &
fi
holder=$!
sleep 0.5
post() { # NAME PATH BODY: the status in NAME.status, the answer in NAME.out
	curl -s -S -o "$1.out" -w '%{http_code}' -X POST -H "$auth" -H "$json" --data-binary "@$3" \
		"$BASE/api/v1/submissions/$2/2026" >"$1.status"
}
pids=""
k=0
for f in $forms; do
	k=$((k + 1))
	[ "$f" = 03390/truonghoc ] && continue # its save is boom.json
	post "ans-$k" "$f" "save-$k.json" &
	pids="$pids $!"
done
post ans-stale-a 03390/yte stale-a.json &
pids="$pids $!"
post ans-stale-b 03390/yte stale-b.json &
pids="$pids $!"
post ans-bad 03390/vhxh bad.json &
pids="$pids $!"
post ans-none 03390/nobody save-1.json &
pids="$pids $!"
post ans-boom 03390/truonghoc boom.json &
pids="$pids $!"
for p in $pids; do wait "$p" || die "a save was not answered"; done
wait "$holder" || true

# the bad value and the unknown form are refused, naming what
[ "$(cat ans-bad.status)" = 400 ] || die "a value that is no number: $(cat ans-bad.status)"
[ "$(cat ans-none.status)" = 404 ] || die "an unknown form: $(cat ans-none.status)"
# 03390/yte: one of the three saves from version 0 is saved, the others refused as stale
won=""
for a in ans-1 ans-stale-a ans-stale-b; do
	case "$(cat $a.status)" in
	200) [ -z "$won" ] || die "two saves of one form from the same version were both saved"; won=$a ;;
	409) ;;
	*) die "$a: $(cat $a.status) $(cat $a.out)" ;;
	esac
done
[ -n "$won" ] || die "none of the saves of 03390/yte was saved"
case $won in
ans-1) want=11 ;;
ans-stale-a) want=31 ;;
*) want=32 ;;
esac
# the save that failed after writing is answered with its error
case "$(cat ans-boom.status)" in 200 | 000) die "the failing save: $(cat ans-boom.status)" ;; esac
# every other save is answered as if alone: saved, version 1, its values
k=0
for f in $forms; do
	k=$((k + 1))
	[ $k = 1 ] && continue
	[ "$f" = 03390/truonghoc ] && continue
	[ "$(cat ans-$k.status)" = 200 ] || die "$f: $(cat ans-$k.status) $(cat ans-$k.out)"
	[ "$(jq -r .version ans-$k.out)" = 1 ] || die "$f: the answer's version"
	[ "$(jq -r .status ans-$k.out)" = draft ] || die "$f: the answer's status"
done
# and durable: read back by the API and in the database
k=0
for f in $forms; do
	k=$((k + 1))
	n=$((10 + k))
	[ $k = 1 ] && n=$want
	http GET "/api/v1/submissions/$f/2026" -H "$auth"
	expect_status 200
	if [ "$f" = 03390/truonghoc ]; then
		[ "$(jq -r '.version, .status' body.txt | tr '\n' ' ')" = "0 none " ] ||
			die "the failed save left its form at $(jq -c '{version, status}' body.txt)"
		[ "$(jq '[.fields[] | select(.value != null)] | length' body.txt)" = 0 ] ||
			die "the failed save left values"
		continue
	fi
	[ "$(jq -r .version body.txt)" = 1 ] || die "$f: not saved once ($(jq -r .version body.txt))"
	got=$(jq -r '[.fields[] | select(.part != "den") | .value] | unique | map(tostring) | join(",")' body.txt)
	case "$got" in "$n" | "$n.0" | "") ;; *) die "$f: values $got, not $n" ;; esac
done
saved=$(sql gemis.db "SELECT COUNT(*) FROM submissions WHERE version = 1")
[ "$saved" = 7 ] || die "$saved forms saved, not 7"
[ "$(sql gemis.db "SELECT COUNT(*) FROM value_comments WHERE comment = 'boom'")" = 0 ] || die "boom was kept"

# an approval among saves: on the dashboard when it is answered
http GET "/api/v1/submissions/03390/vhxh/2026" -H "$auth"
cp body.txt fields.json
printf '{"action": "submit", "version": 1, "values": %s, "narrative": "Done."}' "$(values 77)" >submit.json
post ans-submit 03390/vhxh submit.json
[ "$(cat ans-submit.status)" = 200 ] || die "submit: $(cat ans-submit.status) $(cat ans-submit.out)"
printf '{"action": "approve", "version": 2}' >approve.json
http GET "/api/v1/progress?unit=03390&year=2026" -H "$auth"
expect_status 200
cp body.txt progress-before.json
k=0
pids=""
for f in 03390/congan 03390/ttdv 09385/vhxh; do
	k=$((k + 1))
	printf '{"action": "save", "version": 1, "values": []}' >"again-$k.json"
	post "again-$k" "$f" "again-$k.json" &
	pids="$pids $!"
done
post ans-approve 03390/vhxh approve.json
for p in $pids; do wait "$p" || die "a save was not answered"; done
for k in 1 2 3; do
	[ "$(cat again-$k.status)" = 200 ] || die "a save beside the approval: $(cat again-$k.status) $(cat again-$k.out)"
done
[ "$(cat ans-approve.status)" = 200 ] || die "approve: $(cat ans-approve.status) $(cat ans-approve.out)"
http GET "/api/v1/submissions/03390/vhxh/2026" -H "$auth"
[ "$(jq -r .status body.txt)" = approved ] || die "not approved"
http GET "/api/v1/progress?unit=03390&year=2026" -H "$auth"
expect_status 200
! cmp -s body.txt progress-before.json || die "the approved values are not on the dashboard"

stop_server
line=$(grep 'saves in .* group commits' serve.err) || die "no group commit was counted"
saves=$(echo "$line" | sed 's/.*: \([0-9]*\) saves in \([0-9]*\) group commits/\1/')
commits=$(echo "$line" | sed 's/.*: \([0-9]*\) saves in \([0-9]*\) group commits/\2/')
[ "$commits" -lt "$saves" ] || die "no two saves shared a commit: $line"
echo "ok: $line"
