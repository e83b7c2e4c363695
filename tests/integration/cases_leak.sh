# A case written with known phrases must not be readable from anything on
# disk or printed for others: the database file, its WAL while it is in
# use, a dump of the database (a backup), the access log, every command's
# messages, and every export.  Then the retention period erases it.
. "$ROOT/tests/integration/lib.sh"

phrase='Hoa-TIM-7731 bị chồng đánh gãy tay'
svc_phrase='Nhà tạm lánh SAFEHOUSE-4412'
close_phrase='chuyển đi CLOSURE-9050'
# sealed structured fields, and a date that is only sealed
sealed_words="psychological_abuse trusted_address intimate_partner former_spouse 2026-02-17"

expect_ok "$GEMIS" init
printf 'a long enough password\n' >pw.txt
expect_ok "$GEMIS" user add cw.binhlu --role caseworker --unit 03390 --password-stdin <pw.txt
expect_ok "$GEMIS" user add focal.binhlu --role focal --unit 03390 --password-stdin <pw.txt
expect_ok "$GEMIS" user add admin --role admin --unit VN --password-stdin <pw.txt
expect_ok "$GEMIS" case keygen case.key
[ "$(stat -c %a case.key)" = 600 ] || die "key file mode"
export GEMIS_CASE_KEY_FILE="$PWD/case.key"

# keep a reader open so that the WAL stays on disk to be searched
mkfifo hold
(sqlite3 gemis.db <hold >/dev/null 2>&1 &)
exec 3>hold
echo "BEGIN; SELECT COUNT(*) FROM units;" >&3

cat >case.json <<JSON
{"detected": "2026-02-17", "source": "trusted_address", "survivor": {"sex": "F", "age_group": "25-59"},
 "type": "psychological_abuse", "context": ["domestic", "intimate_partner"],
 "perpetrator": {"sex": "M", "age_group": "25-59", "relation": "former_spouse"},
 "trafficking_return": false, "consent_statistics": true, "notes": "$phrase"}
JSON
: >messages.log
log() { "$@" >>messages.log 2>&1; }
"$GEMIS" case add --unit 03390 --as cw.binhlu <case.json >code.txt 2>>messages.log || die "case add"
code=$(cat code.txt)
printf '%s\n' "$svc_phrase" >svc.txt
log "$GEMIS" case refer "$code" --as cw.binhlu --service safe_house --date 2026-02-18 --note-stdin <svc.txt
log "$GEMIS" case service "$code" --as cw.binhlu --service safe_house --date 2026-02-19 --note-stdin <svc.txt
log "$GEMIS" case counsel "$code" --as cw.binhlu --date 2026-02-20
# the case worker reads it back: the phrase is there, and only there
expect_ok "$GEMIS" case show "$code" --as cw.binhlu
contains "$out" "$phrase"
contains "$out" "$svc_phrase"
log "$GEMIS" case list --as cw.binhlu
# refused reads print nothing of it
log "$GEMIS" case show "$code" --as focal.binhlu || true
log "$GEMIS" case list --unit 03390 --as focal.binhlu || true
# counts, progress, the log, the export
"$GEMIS" case stats --unit 03390 --year 2026 --as focal.binhlu --json >stats.json 2>>messages.log
"$GEMIS" case stats --unit 12 --year 2026 --as admin >stats.txt 2>>messages.log
"$GEMIS" progress --unit 03390 --year 2026 --json >progress.json 2>>messages.log
"$GEMIS" progress --unit 12 --year 2026 >progress.txt 2>>messages.log
"$GEMIS" case log --as admin --json >accesslog.json 2>>messages.log
"$GEMIS" case log --as admin >accesslog.txt 2>>messages.log
"$GEMIS" case export --unit 03390 --as cw.binhlu -o export.csv --password-stdin <pw.txt 2>>messages.log ||
	die "export"
[ "$(stat -c %a export.csv)" = 600 ] || die "export file mode"
contains "$(cat export.csv)" "$code"
contains "$(cat export.csv)" "safe_house 2026-02-19"
# the bad input path: messages name the field, never echo what was typed
printf '{"detected": "2026-02-17", "source": "%s"}' "$phrase" >bad.json
log "$GEMIS" case add --unit 03390 --as cw.binhlu <bad.json || true
printf '%s' "$close_phrase" >close.txt
log "$GEMIS" case close "$code" --as cw.binhlu --date 2026-03-01 --note-stdin <close.txt

[ -s gemis.db-wal ] || die "the WAL is not there to search"
sqlite3 gemis.db .dump >backup.sql

search() { # FILE...: none may contain a phrase or a sealed word
	for f in "$@"; do
		for p in "$phrase" "$svc_phrase" "$close_phrase" "Hoa-TIM-7731" "SAFEHOUSE-4412" "CLOSURE-9050"; do
			if grep -a -q -F "$p" "$f"; then die "$f holds '$p'"; fi
		done
	done
}
search gemis.db gemis.db-wal backup.sql messages.log stats.json stats.txt progress.json progress.txt \
	accesslog.json accesslog.txt export.csv
for w in $sealed_words; do
	for f in gemis.db gemis.db-wal backup.sql accesslog.json accesslog.txt; do
		if grep -a -q -F "$w" "$f"; then die "$f holds the sealed value '$w'"; fi
	done
done
# the database holds only ciphertext for the notes
[ "$(sql gemis.db "SELECT length(notes_ct) > 40 FROM cases")" = 1 ] || die "notes not sealed"

# the retention period: erased, counts kept, nothing left to find
exec 3>&-
sleep 0.2
hexnote=$(sql gemis.db "SELECT substr(hex(notes_ct), 49, 48) FROM cases")
has_bytes() { # HEX FILE: does the file hold these bytes?
	python3 -c 'import sys; sys.exit(0 if bytes.fromhex(sys.argv[1]) in open(sys.argv[2], "rb").read() else 1)' "$1" "$2"
}
# the search does find ciphertext where it is
has_bytes "$hexnote" gemis.db || die "the ciphertext search finds nothing even before erasure"
before=$("$GEMIS" case stats --unit 03390 --year 2026 --as cw.binhlu --json)
expect_ok "$GEMIS" case purge --as admin --retention-days 30 --today 2026-03-30
contains "$out" "Erased 0 cases"
expect_ok "$GEMIS" case purge --as admin --retention-days 30 --today 2026-04-01
contains "$out" "Erased 1 case"
[ "$(sql gemis.db "SELECT COUNT(*) FROM cases")" = 0 ] || die "case not erased"
[ "$(sql gemis.db "SELECT COUNT(*) FROM case_events")" = 0 ] || die "events not erased"
after=$("$GEMIS" case stats --unit 03390 --year 2026 --as cw.binhlu --json)
[ "$before" = "$after" ] || die "counts changed by erasure: $before / $after"
expect_fail 1 "$GEMIS" case show "$code" --as cw.binhlu
# secure_delete and a truncated WAL: not even the ciphertext stays behind
[ -n "$hexnote" ] || die "no ciphertext to look for"
if has_bytes "$hexnote" gemis.db; then die "ciphertext of an erased case left in the database file"; fi
[ ! -s gemis.db-wal ] || die "WAL not truncated after erasure"
