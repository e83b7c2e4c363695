# The catalog from the web and the API (issue 17, S4): everyone reads
# /catalog; the ministry adds an indicator with the page's form (CSRF) and
# it is listed, with the change and its author in the indicator log; a bad
# factor is refused naming `factor` and keeping what was typed; a commune
# officer's post is 403; a breakdown from the page adds the series, listed
# under their parent.  The API adds one, refuses a bad body naming the
# field, breaks it down and lists the breakdowns.  Both retire one and put
# it back, naming a bad year's field, and edit one (a new version whose
# series follow), naming a bad field and keeping what was typed.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
expect_ok "$GEMIS" token create bo.noivu
mtok=$out
expect_ok "$GEMIS" token create binhlu
ftok=$out
n0=$(sql gemis.db "SELECT COUNT(*) FROM indicators WHERE builtin = 0")
start_server
for a in ministry:bo.noivu focal:binhlu; do
	JAR=${a%%:*}.jar sign_in "${a#*:}" gemis-demo-2026
	JAR=${a%%:*}.jar http GET /lang/en?next=/
done

# --- everyone reads it; the forms are the ministry's ----------------------
JAR=focal.jar http GET /catalog
expect_status 200
contains "$body" 'id="female_wage_workers"'
not_contains "$body" 'action="/catalog"' "a commune's catalog page"
JAR=ministry.jar http GET /
contains "$body" 'href="/catalog"'
JAR=ministry.jar http GET /catalog
expect_status 200
contains "$body" 'action="/catalog"'
contains "$body" 'action="/catalog/breakdowns"'
csrf=$(csrf_of)
[ -n "$csrf" ] || die "no CSRF token on the catalog page"
# the demo's series of primary completion are under their parent
printf '%s' "$body" | tr -d '\n' | grep -q 'id="primary_completion"[^€]*id="primary_completion__ethnicity_kinh"' \
	|| die "the series are not listed"

add() { # extra form fields...
	JAR=ministry.jar http POST /catalog --data-urlencode "csrf=$csrf" --data-urlencode id=si_women \
		--data-urlencode goal=economy --data-urlencode "name_vi=Tỷ lệ lao động nữ tham gia bảo hiểm xã hội" \
		--data-urlencode "name_en=Working women with social insurance" \
		--data-urlencode "part_vi=Số lao động tham gia bảo hiểm xã hội" --data-urlencode "part_en=Workers insured" \
		--data-urlencode "den_vi=Tổng số lao động" --data-urlencode "den_en=Workers" --data-urlencode by_sex=1 "$@"
}
# --- a bad factor is refused naming it, with what was typed ---------------
add --data-urlencode factor=abc
expect_status 400
contains "$body" "factor: not a number &#39;abc&#39;"
contains "$body" 'value="Working women with social insurance"'
add --data-urlencode factor=250
expect_status 400
contains "$body" "factor:"
add --data-urlencode target=at_least:many:2030
expect_status 400
contains "$body" "target:"
# without the token, and from a commune's focal point: refused
JAR=ministry.jar http POST /catalog --data-urlencode id=si_women
expect_status 403
JAR=focal.jar http GET /catalog
fcsrf=$(csrf_of)
JAR=focal.jar http POST /catalog --data-urlencode "csrf=$fcsrf" --data-urlencode id=si_women --data-urlencode goal=economy
expect_status 403
JAR=focal.jar http POST /catalog/breakdowns --data-urlencode "csrf=$fcsrf" --data-urlencode indicator=female_wage_workers \
	--data-urlencode breakdown=ethnicity
expect_status 403
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicators WHERE builtin = 0")" = "$n0" ] || die "a refused indicator was written"

# --- the ministry adds it -------------------------------------------------
add --data-urlencode target=at_least:45:2030 --data-urlencode share=1
expect_status 303
case "$(header Location)" in /catalog*) ;; *) die "not back to the list: $(header Location)" ;; esac
[ "$(sql gemis.db "SELECT changed_by FROM indicator_log WHERE indicator = 'si_women' AND action = 'add'")" = bo.noivu ] \
	|| die "the change is not in the indicator log"
JAR=ministry.jar http GET "$(header Location)"
expect_status 200
row=$(printf '%s' "$body" | tr -d '\n' | grep -o '<tr id="si_women".*' | sed 's|</tr>.*||')
printf '%s' "$row" | grep -q "Working women with social insurance" || die "not listed: $row"
printf '%s' "$row" | grep -q "45" || die "no national target: $row"
# the same id again: refused naming the id
add
expect_status 409
contains "$body" "id: si_women is already"
# the indicator page shows it at once
JAR=ministry.jar http GET /indicator/si_women
expect_status 200

# --- broken down from the page --------------------------------------------
JAR=ministry.jar http POST /catalog/breakdowns --data-urlencode "csrf=$csrf" --data-urlencode indicator=si_women \
	--data-urlencode breakdown=nothing
expect_status 404
contains "$body" "breakdown"
JAR=ministry.jar http POST /catalog/breakdowns --data-urlencode "csrf=$csrf" --data-urlencode indicator=si_women \
	--data-urlencode breakdown=ethnicity
expect_status 303
JAR=ministry.jar http GET /catalog
printf '%s' "$body" | tr -d '\n' | grep -q 'id="si_women"[^€]*id="si_women__ethnicity_minority"' \
	|| die "the new series are not listed under their parent"
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicators WHERE parent = 'si_women'")" = 2 ] || die "the series were not written"

# --- retired from the page, and put back ----------------------------------
JAR=focal.jar http POST /catalog/retire --data-urlencode "csrf=$fcsrf" --data-urlencode indicator=si_women \
	--data-urlencode from=2030
expect_status 403
JAR=ministry.jar http POST /catalog/retire --data-urlencode "csrf=$csrf" --data-urlencode indicator=si_women \
	--data-urlencode from=soon
expect_status 400
contains "$body" "from: not a year"
contains "$body" 'value="soon"'
JAR=ministry.jar http POST /catalog/retire --data-urlencode "csrf=$csrf" --data-urlencode indicator=si_women__ethnicity_kinh \
	--data-urlencode from=2030
expect_status 400
contains "$body" "id:"
JAR=ministry.jar http POST /catalog/retire --data-urlencode "csrf=$csrf" --data-urlencode indicator=si_women \
	--data-urlencode from=2030
expect_status 303
JAR=ministry.jar http GET /catalog
contains "$body" "retired from 2030"
[ "$(sql gemis.db "SELECT retired_from FROM indicators WHERE id = 'si_women'")" = 2030 ] || die "not retired"
JAR=ministry.jar http POST /catalog/retire --data-urlencode "csrf=$csrf" --data-urlencode indicator=si_women \
	--data-urlencode undo=1
expect_status 303
JAR=ministry.jar http GET /catalog
not_contains "$body" "retired from 2030" "the catalog after the undo"

# --- the API --------------------------------------------------------------
api() { # METHOD PATH TOKEN [BODY]
	http "$1" "$2" -H "Authorization: Bearer $3" -H "Content-Type: application/json" ${4:+--data "$4"}
}
body_ok='{"id": "women_coops", "goal": "economy", "name_vi": "Số hợp tác xã do nữ làm giám đốc",
 "name_en": "Cooperatives led by women", "kind": "value", "measure": "count", "by_sex": false,
 "part_vi": "Số hợp tác xã", "part_en": "Cooperatives", "polarity": "higher",
 "national_target": {"direction": "at_least", "value": 500, "year": 2030}}'
api POST /api/v1/indicators "$ftok" "$body_ok"
expect_status 403
api POST /api/v1/indicators "$mtok" '{"id": "women_coops", "goal": "economy", "factor": "abc"}'
expect_status 400
[ "$(jq -r .error.field body.txt)" = factor ] || die "the bad factor is not named: $body"
api POST /api/v1/indicators "$mtok" '{"id": "women_coops", "goal": "economy", "colour": "red"}'
expect_status 400
[ "$(jq -r .error.field body.txt)" = colour ] || die "the unknown field is not named: $body"
api POST /api/v1/indicators "$mtok" '{"id": "women_coops", "goal": "economy", "name_vi": "   "}'
expect_status 400
[ "$(jq -r .error.field body.txt)" = name_vi ] || die "the blank name is not named: $body"
api POST /api/v1/indicators "$mtok" "$body_ok"
expect_status 201
[ "$(jq -r '"\(.id) \(.kind) \(.measure) \(.national_target.value)"' body.txt)" = "women_coops value count 500" ] \
	|| die "the added indicator: $body"
api GET /api/v1/indicators "$ftok"
[ "$(jq '[.indicators[] | select(.id == "women_coops")] | length' body.txt)" = 1 ] || die "not in the catalog: $body"
api GET /api/v1/breakdowns "$ftok"
expect_status 200
jq -e '.breakdowns[] | select(.code == "ethnicity") | .categories | length >= 2' body.txt >/dev/null \
	|| die "the breakdowns: $body"
api POST /api/v1/indicators/women_coops/breakdowns "$ftok" '{"breakdown": "ethnicity"}'
expect_status 403
api POST /api/v1/indicators/women_coops/breakdowns "$mtok" '{"by": "ethnicity"}'
expect_status 400
[ "$(jq -r .error.field body.txt)" = by ] || die "the unknown field is not named: $body"
api POST /api/v1/indicators/women_coops/breakdowns "$mtok" '{"breakdown": "ethnicity"}'
expect_status 201
[ "$(jq -r '[.series[].id] | sort | join(",")' body.txt)" = women_coops__ethnicity_kinh,women_coops__ethnicity_minority ] \
	|| die "the series: $body"
api POST /api/v1/indicators/women_coops/breakdowns "$mtok" '{"breakdown": "ethnicity"}'
expect_status 200
[ "$(jq .added body.txt)" = 0 ] || die "broken down twice: $body"
api POST /api/v1/indicators/nothing_here/breakdowns "$mtok" '{"breakdown": "ethnicity"}'
expect_status 404
# retired and put back through the API
api POST /api/v1/indicators/women_coops/retire "$ftok" '{"from": 2031}'
expect_status 403
api POST /api/v1/indicators/women_coops/retire "$mtok" '{"from": "2031"}'
expect_status 400
[ "$(jq -r .error.field body.txt)" = from ] || die "the retirement's field is not named: $body"
api POST /api/v1/indicators/women_coops/retire "$mtok" '{"from": 2031}'
expect_status 200
[ "$(jq .retired_from body.txt)" = 2031 ] || die "the retired indicator: $body"
api POST /api/v1/indicators/women_coops/retire "$mtok" '{"undo": true}'
expect_status 200
[ "$(jq .retired_from body.txt)" = null ] || die "the indicator put back: $body"
api POST /api/v1/indicators/nothing_here/retire "$mtok" '{"from": 2031}'
[ "$status" = 404 ] || [ "$status" = 400 ] || die "an unknown indicator's retirement: $status"

# --- a province adds and retires its own, from the page and the API -------
expect_ok "$GEMIS" token create laichau
ptok=$out
JAR=province.jar sign_in laichau gemis-demo-2026
JAR=province.jar http GET /lang/en?next=/
JAR=province.jar http GET /catalog
expect_status 200
contains "$body" 'action="/catalog"'
contains "$body" 'name="scope" value="12"'
contains "$body" 'action="/catalog/retire"'
not_contains "$body" 'action="/catalog/breakdowns"' "a province's catalog page"
pcsrf=$(csrf_of)
padd() { # extra form fields...
	JAR=province.jar http POST /catalog --data-urlencode "csrf=$pcsrf" --data-urlencode id=lc_coops \
		--data-urlencode goal=economy --data-urlencode "name_vi=Số hợp tác xã do nữ làm giám đốc" \
		--data-urlencode "name_en=Cooperatives led by women" --data-urlencode kind=value --data-urlencode unit=count \
		--data-urlencode "part_vi=Số hợp tác xã" --data-urlencode "part_en=Cooperatives" "$@"
}
padd --data-urlencode scope=01
expect_status 400
contains "$body" "scope: a province adds indicators for itself only"
padd --data-urlencode scope=
[ "$status" = 303 ] || die "the province's own indicator was not added: $status"
[ "$(sql gemis.db "SELECT scope_unit || ' ' || added_by FROM indicators WHERE id = 'lc_coops'")" = "12 laichau" ] \
	|| die "the province's indicator is not its own"
# the ministry gives a scope, named when it is not a province
add --data-urlencode scope=03390
expect_status 400
contains "$body" "scope: not a province"
# the province's retire form offers its own only, and refuses the others
JAR=province.jar http GET /catalog
printf '%s' "$body" | tr -d '\n' | sed 's|.*action="/catalog/retire"||; s|</select>.*||' >retire.txt
grep -q 'value="lc_coops"' retire.txt || die "the province's own is not offered to retire"
! grep -q 'value="female_wage_workers"' retire.txt || die "a national indicator is offered to the province"
JAR=province.jar http POST /catalog/retire --data-urlencode "csrf=$pcsrf" --data-urlencode indicator=female_wage_workers \
	--data-urlencode from=2030
expect_status 403
JAR=province.jar http POST /catalog/retire --data-urlencode "csrf=$pcsrf" --data-urlencode indicator=lc_coops \
	--data-urlencode from=2030
expect_status 303
[ "$(sql gemis.db "SELECT retired_from FROM indicators WHERE id = 'lc_coops'")" = 2030 ] || die "not retired by the province"
# the API: its own (scope forced), another's named, a national one refused
pbody='{"id": "lc_api", "goal": "economy", "name_vi": "Số hợp tác xã do nữ làm giám đốc",
 "name_en": "Cooperatives led by women", "kind": "value", "measure": "count",
 "part_vi": "Số hợp tác xã", "part_en": "Cooperatives"'
api POST /api/v1/indicators "$ptok" "$pbody, \"scope\": \"01\"}"
expect_status 400
[ "$(jq -r .error.field body.txt)" = scope ] || die "another province's scope is not named: $body"
api POST /api/v1/indicators "$ptok" "$pbody}"
expect_status 201
[ "$(jq -r .scope body.txt)" = 12 ] || die "the API's province indicator: $body"
api POST /api/v1/indicators/women_coops/retire "$ptok" '{"from": 2031}'
expect_status 403
api POST /api/v1/indicators/lc_api/retire "$ptok" '{"from": 2031}'
expect_status 200
[ "$(jq .retired_from body.txt)" = 2031 ] || die "the province's retirement: $body"
api POST /api/v1/indicators/lc_api/retire "$ftok" '{"undo": true}'
expect_status 403
# --- edited from the page and the API (a new version, its series follow) ---
JAR=focal.jar http GET "/catalog?edit=si_women"
not_contains "$body" 'action="/catalog/edit"' "a commune's catalog page"
JAR=ministry.jar http GET "/catalog?edit=si_women"
expect_status 200
contains "$body" 'action="/catalog/edit"'
contains "$body" 'value="Working women with social insurance"'
edit() { # JAR extra fields...: the form as the page fills it
	j=$1
	shift
	JAR=$j http POST /catalog/edit --data-urlencode "csrf=$csrf" --data-urlencode indicator=si_women \
		--data-urlencode goal=economy --data-urlencode "name_vi=Tỷ lệ lao động nữ tham gia bảo hiểm xã hội" \
		--data-urlencode "part_vi=Số lao động tham gia bảo hiểm xã hội" --data-urlencode "part_en=Workers insured" \
		--data-urlencode "den_vi=Tổng số lao động" --data-urlencode "den_en=Workers" --data-urlencode by_sex=1 \
		--data-urlencode kind=ratio --data-urlencode space=sum --data-urlencode time=sum --data-urlencode unit=% \
		--data-urlencode factor=100 "$@"
}
edit focal.jar --data-urlencode "name_en=Insured working women"
expect_status 403
edit ministry.jar --data-urlencode "name_en="
expect_status 400
contains "$body" "name_en:"
contains "$body" 'value="Workers insured"'
edit ministry.jar --data-urlencode "name_en=Insured working women"
expect_status 303
JAR=ministry.jar http GET /catalog
contains "$body" "Insured working women"
contains "$body" "Insured working women — Kinh"
[ "$(sql gemis.db "SELECT version FROM indicators WHERE id = 'si_women'")" = 2 ] || die "the page's edit: no new version"
api POST /api/v1/indicators/women_coops/edit "$ftok" '{"name_en": "Cooperatives run by women"}'
expect_status 403
api POST /api/v1/indicators/women_coops/edit "$mtok" '{"factor": "abc"}'
expect_status 400
[ "$(jq -r .error.field body.txt)" = factor ] || die "the edit's bad factor is not named: $body"
api POST /api/v1/indicators/women_coops/edit "$mtok" '{"colour": "red"}'
expect_status 400
[ "$(jq -r .error.field body.txt)" = colour ] || die "the edit's unknown field is not named: $body"
api POST /api/v1/indicators/female_wage_workers/edit "$mtok" '{"name_en": "Wage workers"}'
expect_status 400
[ "$(jq -r .error.field body.txt)" = id ] || die "a built-in's edit: $body"
api POST /api/v1/indicators/women_coops/edit "$mtok" '{"name_en": "Cooperatives run by women", "polarity": "lower"}'
expect_status 200
[ "$(jq -r '"\(.version) \(.name_en) \(.polarity)"' body.txt)" = "2 Cooperatives run by women lower" ] \
	|| die "the API's edit: $body"
api GET /api/v1/indicators "$ftok"
[ "$(jq -r '.indicators[] | select(.id == "women_coops__ethnicity_kinh") | .name_en' body.txt)" \
	= "Cooperatives run by women — Kinh" ] || die "the series' name after the API's edit: $body"
stop_server
# each edit logged for the indicator and its two series
[ "$(sql gemis.db "SELECT COUNT(*) FROM indicator_log WHERE changed_by = 'bo.noivu'")" = 16 ] \
	|| die "the indicator log: $(sql gemis.db "SELECT indicator, action, changed_by FROM indicator_log")"
# a new process reads them all
expect_ok "$GEMIS" indicators --json
[ "$(printf '%s' "$out" | jq '[.[] | select(.id | startswith("si_women") or startswith("women_coops"))] | length')" = 6 ] \
	|| die "the catalog read again"
