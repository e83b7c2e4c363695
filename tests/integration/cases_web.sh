# The case register's web pages: the permission matrix over every case route
# and role, CSRF, the password asked again for the export, and the known
# phrase found nowhere but in the caseworker's own page (not in the
# database, the server's log, other accounts' pages or the export).
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

phrase='WEB-PHRASE-5521 chị Lan bị đánh'
expect_ok "$GEMIS" init
printf 'a long enough password\n' >pw.txt
for spec in "admin admin VN" "prov.laichau province 12" "focal.binhlu focal 03390" \
	"viewer.binhlu viewer 03390" "cw.binhlu caseworker 03390" "cw.sinsuoiho caseworker 03394"; do
	set -- $spec
	expect_ok "$GEMIS" user add "$1" --role "$2" --unit "$3" --password-stdin <pw.txt
done
expect_ok "$GEMIS" case keygen case.key
export GEMIS_CASE_KEY_FILE="$PWD/case.key"
start_server

login() { # NAME: a jar of its own, signed in
	JAR="jar.$1"
	export JAR
	sign_in "$1" "a long enough password"
	t=$(csrf_token)
	eval "csrf_$(echo "$1" | tr . _)=$t"
}
csrf() { eval "echo \$csrf_$(echo "$1" | tr . _)"; }
for u in admin prov.laichau focal.binhlu viewer.binhlu cw.binhlu cw.sinsuoiho; do login "$u"; done

# the caseworker records a case through the form
JAR=jar.cw.binhlu
http GET /cases
expect_status 200
contains "$body" 'action="/cases"'
http POST /cases --data-urlencode "csrf=$(csrf cw.binhlu)" --data-urlencode "detected=2026-03-02" \
	--data-urlencode "source=trusted_address" --data-urlencode "survivor_sex=F" \
	--data-urlencode "survivor_age=25-59" --data-urlencode "type=physical_assault" \
	--data-urlencode "context_domestic=1" --data-urlencode "perpetrator_sex=M" \
	--data-urlencode "perpetrator_relation=spouse" --data-urlencode "consent_statistics=1" \
	--data-urlencode "notes=$phrase"
expect_status 303
code=$(header Location | sed 's|^/cases/||')
case "$code" in ????-????-????) ;; *) die "no case code in the redirect: $(header Location)" ;; esac
http GET "/cases/$code"
expect_status 200
contains "$body" "WEB-PHRASE-5521"
[ "$(header Cache-Control)" = no-store ] || die "a case page may be cached"
http POST "/cases/$code/events" --data-urlencode "csrf=$(csrf cw.binhlu)" --data-urlencode "kind=service" \
	--data-urlencode "service=legal_aid" --data-urlencode "date=2026-03-05" --data-urlencode "note=$phrase"
expect_status 303
# without the CSRF token: refused
http POST "/cases/$code/events" --data-urlencode "kind=counselling" --data-urlencode "date=2026-03-06"
expect_status 403
# bad input names the field, not the text
http POST /cases --data-urlencode "csrf=$(csrf cw.binhlu)" --data-urlencode "detected=2026-03-02" \
	--data-urlencode "source=$phrase" --data-urlencode "survivor_sex=F" --data-urlencode "survivor_age=25-59"
expect_status 400
contains "$body" "source"
not_contains "$body" "WEB-PHRASE-5521"
http GET /cases
contains "$body" "$code"

# the permission matrix: route x account -> status
check() { # ACCOUNT EXPECTED METHOD PATH [curl args]
	who=$1 want=$2 m=$3 p=$4
	shift 4
	JAR="jar.$who"
	if [ "$m" = POST ]; then
		http POST "$p" --data-urlencode "csrf=$(csrf "$who")" "$@"
	else
		http GET "$p" "$@"
	fi
	[ "$status" = "$want" ] || { head -c 600 body.txt >&2; die "$m $p as $who: $status, expected $want"; }
	[ "$who" = cw.binhlu ] || not_contains "$body" "WEB-PHRASE-5521" "$m $p as $who"
}
for who in admin prov.laichau focal.binhlu viewer.binhlu cw.sinsuoiho; do
	check "$who" 403 GET "/cases/$code"
	check "$who" 403 POST "/cases/$code/events" --data-urlencode "kind=counselling" --data-urlencode "date=2026-03-06"
	check "$who" 403 POST "/cases/$code/close" --data-urlencode "date=2026-03-07"
	# export and new cases are of the account's own commune: refused above it
	want_export=403 want_add=403
	[ "$who" = cw.sinsuoiho ] && want_export=200 want_add=303
	check "$who" $want_export POST /cases/export --data-urlencode "password=a long enough password"
	not_contains "$body" "$code" "export as $who"
	check "$who" $want_add POST /cases --data-urlencode "detected=2026-03-02" --data-urlencode "source=police" \
		--data-urlencode "survivor_sex=F" --data-urlencode "survivor_age=25-59" --data-urlencode "type=rape" \
		--data-urlencode "consent_statistics=1"
done
for who in admin prov.laichau focal.binhlu viewer.binhlu; do
	check "$who" 200 GET "/cases?unit=03390&year=2026"
	contains "$body" "&lt;5"
	not_contains "$body" "$code"
done
check cw.sinsuoiho 403 GET "/cases?unit=03390&year=2026"
check prov.laichau 403 GET "/cases?unit=24&year=2026"
check cw.binhlu 200 GET "/cases?unit=03390&year=2026"
not_contains "$body" "&lt;5" "the caseworker's own counts"
for who in prov.laichau focal.binhlu viewer.binhlu cw.binhlu cw.sinsuoiho; do
	check "$who" 403 GET /cases/log
done
check admin 200 GET /cases/log
contains "$body" "$code"
contains "$body" "not permitted"
# a missing case and a forbidden one look the same
check cw.sinsuoiho 403 GET /cases/ZZZZ-ZZZZ-ZZZZ
a=$(sed "s/ZZZZ-ZZZZ-ZZZZ/CODE/g" body.txt | grep -vi csrf)
check cw.sinsuoiho 403 GET "/cases/$code"
b=$(sed "s/$code/CODE/g" body.txt | grep -vi csrf)
[ "$a" = "$b" ] || die "a refused case and a missing one differ"
# without a session
JAR=jar.none
http GET "/cases/$code"
expect_status 401

# the export asks for the password again
check cw.binhlu 401 POST /cases/export --data-urlencode "password=wrong password here"
check cw.binhlu 200 POST /cases/export --data-urlencode "password=a long enough password"
contains "$(header Content-Type)" "text/csv"
contains "$body" "$code"
contains "$body" "legal_aid 2026-03-05"
not_contains "$body" "WEB-PHRASE-5521" "the export"
cp body.txt export.csv

# the register's indicator on the dashboard, the indicator page and the
# province grid: 1 of 1 victims supported is a small count, never "100%"
for p in "/?unit=03390&year=2026" "/indicator/dv_victims_supported?unit=03390&year=2026" \
	"/indicator/dv_victims_supported?unit=12&year=2026" "/province/12?year=2026&goal=family"; do
	check prov.laichau 200 GET "$p"
	cp body.txt "page.$(echo "$p" | tr -c 'a-z0-9' _).html"
	not_contains "$body" ">100%<" "$p"
	not_contains "$body" ">100<" "$p"
	not_contains "$body" "100.0" "$p"
done
check prov.laichau 200 GET "/api/v1/progress?unit=03390&year=2026"
contains "$body" '"status": "suppressed"'

check cw.binhlu 303 POST "/cases/$code/close" --data-urlencode "date=2026-03-07"
check cw.binhlu 409 POST "/cases/$code/close" --data-urlencode "date=2026-03-08"
stop_server

for f in serve.out serve.err export.csv; do
	if grep -a -q -F "WEB-PHRASE-5521" "$f"; then die "$f holds the phrase"; fi
done
if [ -f gemis.db ]; then
	for f in gemis.db gemis.db-wal; do
		[ -f "$f" ] || continue
		if grep -a -q -F "WEB-PHRASE-5521" "$f"; then die "$f holds the phrase"; fi
	done
	[ "$(sql gemis.db "SELECT COUNT(*) FROM case_access_log WHERE allowed = 0")" -ge 25 ] || die "refusals not logged"
fi
