# Who owes a report: every agency to which a plan gives duties, whether or
# not the plan ties indicators to it (issue 12).  Golden truth: for each of
# the three shared plans, the agencies with duties and the deadline of the
# agencies' reports as someone who never saw gemis read them from the plan
# (tests/golden/chain/duties.json, from the hand-extracted tasks of those
# plans).  Then a plan without a deadline: a lint finding, and no date
# invented (no report is late, "no date set").
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

gold="$ROOT/tests/golden/chain/duties.json"
[ -d "$SHARED/plans" ] || die "the shared plans are not at $SHARED/plans"
expect_ok "$GEMIS" init
n=$(jq '.plans | length' "$gold")
[ "$n" = 3 ] || die "expected the three shared plans in $gold"
i=0
while [ "$i" -lt "$n" ]; do
	name=$(jq -r ".plans[$i].plan" "$gold")
	plan="$SHARED/plans/$name.txt"
	[ -f "$plan" ] || die "missing $plan"
	expect_ok "$GEMIS" plan import --json "$plan"
	code=$(printf '%s' "$out" | jq -r '.document.unit.code')
	expect_ok "$GEMIS" plan import "$plan" --apply
	# judged on 1 November, before any of the three deadlines
	expect_ok "$GEMIS" reporting --unit "$code" --year 2026 --as-of 2026-11-01 --json
	printf '%s' "$out" >"rep-$code.json"
	want=$(jq -c ".plans[$i].agencies_with_duties | sort" "$gold")
	got=$(jq -c '[.forms[].agency] | sort' "rep-$code.json")
	[ "$got" = "$want" ] || die "$name ($code): agencies owing a report $got, the plan gives duties to $want"
	# every report is due on the plan's date (the year's occurrence of it)
	want=$(jq -r ".plans[$i].agency_to_commune | \"2026-\\(.month | tostring | if length < 2 then \"0\" + . else . end)-\\(.day | tostring | if length < 2 then \"0\" + . else . end)\"" "$gold")
	got=$(jq -r '[.forms[].due] | unique | join(",")' "rep-$code.json")
	[ "$got" = "$want" ] || die "$name ($code): reports due $got, the plan says $want"
	[ "$(jq -r '[.forms[].state] | unique | join(",")' "rep-$code.json")" = pending ] ||
		die "$name: not every report is pending on 1 November"
	# the count in the text and on the dashboard's source agree
	expect_ok "$GEMIS" reporting --unit "$code" --year 2026 --as-of 2026-11-01
	contains "$out" "0 of $(jq '.plans['"$i"'].agencies_with_duties | length' "$gold") forms submitted"
	i=$((i + 1))
done

# An agency with duties and no indicators still owes a report: the
# reporting of 004 (Bình Lư) names the office and the Fatherland Front
jq -e '[.forms[] | select(.agency == "vanphong" or .agency == "mttq") | .indicators] == [0, 0]' rep-03390.json >/dev/null ||
	die "the office and the Fatherland Front of Bình Lư owe nothing: $(jq -c '.forms' rep-03390.json)"

# A plan without a deadline: the lint says so, and no date is invented
grep -v 'trước ngày 30/11 hàng năm' "$SHARED/plans/004_43d52928025800ca.txt" >nodate.txt
expect_fail 1 "$GEMIS" plan lint nodate.txt --lang en
contains "$out" "no reporting deadline"
expect_ok "$GEMIS" plan import nodate.txt --apply
expect_ok "$GEMIS" reporting --unit 03390 --year 2026 --as-of 2027-01-15 --json
printf '%s' "$out" >nodate.json
[ "$(jq -r '[.forms[].due] | unique | join(",")' nodate.json)" = "" ] || [ "$(jq -c '[.forms[].due] | unique' nodate.json)" = "[null]" ] ||
	die "a date was invented: $(jq -c '[.forms[].due] | unique' nodate.json)"
[ "$(jq -c '[.forms[].state] | unique' nodate.json)" = '["undated"]' ] || die "states without a deadline: $(jq -c '[.forms[].state] | unique' nodate.json)"
[ "$(jq -c '.total | [.overdue, .late, .undated]' nodate.json)" = '[0,0,8]' ] || die "counts without a deadline: $(jq -c .total nodate.json)"
expect_ok "$GEMIS" reporting --unit 03390 --year 2026 --as-of 2027-01-15
contains "$out" "no date set"
not_contains "$out" "31/12/2026"
