# One meaning of "reported" (issue 20: dashboard "30/38 communes reported",
# reporting page "2/6 forms", PDF "0/38 units reporting" beside 75 %): a
# commune has reported for a year when its figures for at least one
# indicator the agencies report are complete (engine_count_reported).  The
# dashboard, province page, reporting page, yearly report, API and CLI give
# the same count; complete figures raise it everywhere, a numerator alone
# does not; a province's own figure says so, not "0/38".
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo

# count: what every front end says for Lai Châu (12) in 2026; dies when two differ
count() {
	n=$("$GEMIS" progress --unit 12 --year 2026 --json | jq -r '.reported | "\(.units) \(.of)"')
	of=${n#* }
	n=${n% *}
	[ "$of" = 38 ] || die "Lai Châu has $of communes and wards, not 38"
	[ "$("$GEMIS" reporting --unit 12 --year 2026 --json | jq .leaves_reported)" = "$n" ] ||
		die "gemis reporting --json differs from gemis progress --json ($n)"
	expect_ok "$GEMIS" reporting --unit 12 --year 2026
	contains "$out" "$n of 38 communes and wards have reported."
	http GET "/api/v1/progress?unit=12&year=2026"
	[ "$(jq .reported.units body.txt)" = "$n" ] || die "the API's count differs ($(jq -c .reported body.txt))"
	for page in "/?unit=12&year=2026" "/province/12?year=2026" "/reporting?unit=12&year=2026" \
		"/report?unit=12&year=2026&format=html"; do
		http GET "$page"
		expect_status 200
		contains "$body" "$n of 38 communes and wards have reported."
	done
}

start_server
sign_in laichau gemis-demo-2026
http GET /lang/en?next=/
count
before=$n
[ "$before" -lt 38 ] || die "the demo changed: every commune of Lai Châu reported in 2026"

# Tân Uyên (03598) is silent in 2026: a numerator alone does not make it
# reported, complete figures do
printf 'unit,period,indicator,part,sex,value\n03598,2026,female_key_leaders,num,T,3\n' >num.csv
expect_ok "$GEMIS" values import num.csv
sleep 1.5 # the server reads the change on its next request after a second
count
[ "$n" = "$before" ] || die "a numerator alone counted as reported ($before -> $n)"
printf 'unit,period,indicator,part,sex,value\n03598,2026,female_key_leaders,den,T,10\n' >den.csv
expect_ok "$GEMIS" values import den.csv
sleep 1.5
count
[ "$n" = $((before + 1)) ] || die "complete figures of Tân Uyên did not count ($before -> $n)"

# the province's own figure (social_assistance_gbv: no commune reports it)
http GET "/indicator/social_assistance_gbv?unit=12&year=2026"
expect_status 200
contains "$body" "the unit&#39;s own figure"
not_contains "$body" "<td class=\"num\">0 / 38</td>"
stop_server
