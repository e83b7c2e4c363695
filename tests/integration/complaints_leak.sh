# backends: sqlite postgresql
# A complaint's complainant, written with known phrases, must be readable
# from nothing on disk or printed for others: the database (the SQLite file
# and its WAL while in use, or PostgreSQL's dump), a dump as a backup, the
# server's log, every command's messages, the access log, the reports
# (every format), the lists and counts of the command line and the API for
# those who do not handle it.  Its handlers read it back.  Like
# cases_leak.sh for the case register.
. "$ROOT/tests/integration/lib.sh"

name='Trịnh Thị LEAK-NAME-8812'
contact='LEAK-PHONE-0991 bản Nà Ún'
text='LEAK-TEXT-7314 bị chồng cấm đi làm'
answer='LEAK-ANSWER-2290 đã hòa giải'
api_name='Lò Văn LEAK-API-5521'
phrases="LEAK-NAME-8812 LEAK-PHONE-0991 LEAK-TEXT-7314 LEAK-ANSWER-2290 LEAK-API-5521"

expect_ok "$GEMIS" demo
expect_ok "$GEMIS" case keygen reg.key
export GEMIS_CASE_KEY_FILE="$PWD/reg.key" GEMIS_TODAY=2026-12-15
if ! on_pg; then
	# keep a reader open so that the WAL stays on disk to be searched
	mkfifo hold
	(sqlite3 gemis.db <hold >/dev/null 2>&1 &)
	exec 3>hold
	echo "BEGIN; SELECT COUNT(*) FROM units;" >&3
fi
: >messages.log
log() { "$@" >>messages.log 2>&1; }

# recorded on the command line by the focal point, handled by the
# culture-social office; answered by it
"$GEMIS" complaint add --unit 03390 --received 2026-11-02 --channel hotline --kind denunciation --field family \
	--agency vhxh --name "$name" --contact "$contact" --text "$text" --as binhlu >>messages.log 2>&1 ||
	die "complaint add"
ccode=03390-2026-0001
log "$GEMIS" complaint answer --code "$ccode" --status answered --on 2026-11-20 --answer "$answer" --as binhlu.vhxh
# its handlers read it back
expect_ok "$GEMIS" complaint show --code "$ccode" --as binhlu.vhxh
contains "$out" "$name"
contains "$out" "$answer"
# refused reads, lists and counts print nothing of it
for who in binhlu.yte binhlu.viewer binhlu.mttq laichau admin; do
	log "$GEMIS" complaint show --code "$ccode" --as "$who" || true
	log "$GEMIS" complaint list --unit 03390 --as "$who" --json || true
done
"$GEMIS" complaint list --unit 12 --year 2026 --as laichau --json >list.json 2>>messages.log
"$GEMIS" case log --as admin --json >accesslog.json 2>>messages.log
"$GEMIS" case log --as admin >accesslog.txt 2>>messages.log
# bad input names the field, never echoes the person
log "$GEMIS" complaint add --unit 03390 --received 2026-11-02 --channel fax --kind denunciation --field family \
	--agency vhxh --name "$name" --text "$text" --as binhlu || true

# the server: one more through the API, read by its handler, refused to others
start_server
expect_ok "$GEMIS" token create binhlu
tok_focal=$out
expect_ok "$GEMIS" token create laichau
tok_prov=$out
expect_ok "$GEMIS" token create binhlu.yte
tok_yte=$out
http POST /api/v1/complaints -H "Authorization: Bearer $tok_focal" -H "Content-Type: application/json" \
	--data "{\"unit\": \"03390\", \"received\": \"2026-12-01\", \"channel\": \"portal\", \"kind\": \"complaint\",
	 \"field\": \"economy\", \"agency\": \"kinhte\", \"name\": \"$api_name\", \"text\": \"x\"}"
expect_status 201
cp body.txt api_add.json
http GET "/api/v1/complaints/$ccode" -H "Authorization: Bearer $tok_focal"
expect_status 200
contains "$body" "LEAK-NAME-8812"
: >api.json
for tok in "$tok_prov" "$tok_yte"; do
	http GET "/api/v1/complaints/$ccode" -H "Authorization: Bearer $tok"
	cat body.txt >>api.json
	http GET "/api/v1/complaints/03390-2026-0002" -H "Authorization: Bearer $tok"
	cat body.txt >>api.json
	http GET "/api/v1/complaints?unit=03390" -H "Authorization: Bearer $tok"
	cat body.txt >>api.json
done
JAR=prov.jar sign_in laichau gemis-demo-2026
JAR=prov.jar http GET "/complaints?unit=03390&year=2026"
cat body.txt >web.html
JAR=prov.jar http GET "/complaints/03390/$ccode"
expect_status 403
cat body.txt >>web.html
JAR=prov.jar http GET "/?unit=03390&year=2026"
cat body.txt >>web.html
stop_server

# the reports, in every format
for fmt in html docx xlsx pdf; do
	expect_ok "$GEMIS" report --unit 03390 --year 2026 -o "report.$fmt"
done
contains "$(cat report.html)" "Feedback, petitions, complaints and denunciations"
for f in report.docx report.xlsx; do unzip -p "$f" >"$f.xml"; done
pdftotext report.pdf report.pdf.txt

# the database itself, and a dump as a backup
if on_pg; then
	pg_dump --data-only "$GEMIS_DB" >backup.sql 2>>messages.log || die "pg_dump"
	files="backup.sql"
else
	[ -s gemis.db-wal ] || die "the WAL is not there to search"
	sqlite3 gemis.db .dump >backup.sql
	files="gemis.db gemis.db-wal backup.sql"
fi
contains "$(cat backup.sql)" "$ccode" "the dump (it is the database)"
for f in $files messages.log list.json accesslog.json accesslog.txt api.json api_add.json web.html serve.out serve.err \
	report.html report.docx.xml report.xlsx.xml report.pdf.txt; do
	[ -f "$f" ] || die "no $f to search"
	for p in $phrases; do
		if grep -a -q -F "$p" "$f"; then die "$f holds '$p'"; fi
	done
done
# the refusals were logged, with the code and who asked
refused=$(sql gemis.db "SELECT COUNT(*) FROM case_access_log WHERE action = 'complaint_read' AND allowed = 0 AND case_code = '$ccode'")
[ "$refused" -ge 7 ] || die "the refused reads were not logged: $refused, $(sql gemis.db "SELECT user_name || ':' || COALESCE(case_code, '-') FROM case_access_log WHERE allowed = 0" | tr '\n' ' ')"
# the person is sealed: ciphertext of the name's length and more
[ "$(sql gemis.db "SELECT COUNT(*) FROM complaints WHERE name_ct IS NOT NULL AND key_id <> ''")" = 2 ] || die "not sealed"
if ! on_pg; then exec 3>&-; fi
