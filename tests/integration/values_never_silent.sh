# Data is never changed silently (issue 22): every importer reads a value
# with the one number reader (src/util/number.h) and refuses what it cannot
# keep exactly, with the same words (1,000 nines were stored as 1e+63 from
# DHIS2 JSON); a NUL or another control character is refused with its
# field, never cut at (03394\0junk imported as 03394, /api/v1/units/03390%00
# answered as 03390, a plan behind 1,000 NULs applied).  The database is
# unchanged after every refusal.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
count() { sql gemis.db "SELECT COUNT(*) || ' ' || COALESCE(SUM(value), 0) FROM datavalues"; }
before=$(count)
nines=$(python3 -c 'print("9" * 1000)')
toolong="'999999999999999999999999… (1000)' is too long for a value"

# CSV
printf 'unit,period,indicator,part,sex,value\n03390,2024,female_masters,num,T,%s\n' "$nines" >nines.csv
expect_fail 1 "$GEMIS" values import nines.csv
contains "$err" "nines.csv:2: value: $toolong"
# DHIS2 JSON: the value as a string and as a number
printf '{"dataValues": [{"dataElement": "female_masters.num", "period": "2024", "orgUnit": "03390", "value": "%s"},\n{"dataElement": "female_masters.den", "period": "2024", "orgUnit": "03390", "value": 1e300}]}\n' \
	"$nines" >nines.json
expect_fail 1 "$GEMIS" values import nines.json
contains "$err" "value: $toolong"
contains "$err" "nines.json:2: value: '100000000000000005250476… (301)' is too long"
# ADX
printf '<?xml version="1.0" encoding="UTF-8"?>\n<adx xmlns="urn:ihe:qrph:adx:2015">\n<group orgUnit="03390" period="2024-01-01/P1Y">\n<dataValue dataElement="female_masters.num" value="%s"/>\n</group>\n</adx>\n' \
	"$nines" >nines.adx
expect_fail 1 "$GEMIS" values import nines.adx
contains "$err" "value: $toolong"
# 16 significant digits cannot be kept exactly; 15 can
printf 'unit,period,indicator,part,sex,value\n03390,2024,female_masters,num,T,1234567890123456\n' >sixteen.csv
expect_fail 1 "$GEMIS" values import sixteen.csv
contains "$err" "is too long for a value"

# a NUL or another control character, in any field, named
printf 'unit,period,indicator,part,sex,value\n03394\000junk,2024,female_masters,num,T,1\n03390,2024\001,female_masters,num,T,1\n' >nul.csv
expect_fail 1 "$GEMIS" values import nul.csv
contains "$err" "nul.csv:2: unit: holds a control character (code 0 at byte 6)"
contains "$err" "nul.csv:3: period: holds a control character (code 1 at byte 5)"
printf '{"dataValues": [{"dataElement": "female_masters.num", "period": "2024", "orgUnit": "03390\\u0001", "value": "1"}]}\n' >ctl.json
expect_fail 1 "$GEMIS" values import ctl.json
contains "$err" "orgUnit: holds a control character"
[ "$(count)" = "$before" ] || die "a refused import changed the values"

# the API says the same, and a path or a query parameter with %00 is
# refused, not cut
printf 'a long enough password\n' | "$GEMIS" user add api.admin --role admin --unit VN --password-stdin >/dev/null
token=$("$GEMIS" token create api.admin 2>/dev/null)
start_server --quiet
H="Authorization: Bearer $token"
printf '{"values": [{"unit": "03390", "period": "2024", "indicator": "female_masters", "part": "num", "sex": "T", "value": "%s"}]}' \
	"$nines" >nines.api.json
JAR=api.jar http POST /api/v1/values -H "$H" -H "Accept-Language: en" -H "Content-Type: application/json" \
	--data-binary @nines.api.json
expect_status 400
contains "$body" "$toolong"
JAR=api.jar http POST /api/v1/values -H "$H" -H "Accept-Language: en" -H "Content-Type: text/csv" --data-binary @nul.csv
expect_status 400
contains "$body" "holds a control character (code 0 at byte 6)"
JAR=api.jar http GET "/api/v1/units/03390%00" -H "$H" -H "Accept-Language: en"
expect_status 400
contains "$body" "the path holds a control character"
JAR=api.jar http GET "/api/v1/units?parent=12%00" -H "$H" -H "Accept-Language: en"
expect_status 400
contains "$body" "the query parameter 'parent'"
JAR=api.jar http GET "/api/v1/units/03390" -H "$H"
expect_status 200
stop_server
[ "$(count)" = "$before" ] || die "a refused API import changed the values"

# a plan behind 1,000 NULs is refused with its line, not applied
{ head -c 1000 /dev/zero; cat "$ROOT/tests/plan/assignments.txt"; } >nul-plan.txt
plans=$(sql gemis.db "SELECT COUNT(*) FROM plans")
expect_fail 1 "$GEMIS" plan import nul-plan.txt --apply
contains "$err" "nul-plan.txt: line 1: a control character (code 0 at byte 1)"
[ "$(sql gemis.db "SELECT COUNT(*) FROM plans")" = "$plans" ] || die "a plan behind NULs was applied"
