# gemis progress --json for a province equals a hand computation of summed
# numerators and denominators over its communes.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" init
expect_ok "$GEMIS" units --parent 12
communes=$(printf '%s\n' "$out" | awk '{print $1}')
# deterministic values per commune: num = (i * 37) % 90 + 5, den = num + (i * 13) % 50 + 10
{
	echo "unit,period,indicator,part,sex,value"
	i=0
	for c in $communes; do
		i=$((i + 1))
		num=$(((i * 37) % 90 + 5))
		den=$((num + (i * 13) % 50 + 10))
		echo "$c,2026,female_wage_workers,num,T,$num"
		echo "$c,2026,female_wage_workers,den,T,$den"
		echo "$c,2025,female_wage_workers,num,T,$((num - 3))"
		echo "$c,2025,female_wage_workers,den,T,$den"
		# by sex only: the province's total sums F and M
		echo "$c,2026,primary_completion,num,F,$((num % 20 + 70))"
		echo "$c,2026,primary_completion,den,F,100"
		echo "$c,2026,primary_completion,num,M,$((num % 15 + 75))"
		echo "$c,2026,primary_completion,den,M,100"
	done
	# a commune of another province must not count
	echo "09385,2026,female_wage_workers,num,T,1"
	echo "09385,2026,female_wage_workers,den,T,2"
} >values.csv
expect_ok "$GEMIS" values import values.csv
exp_num=$(awk -F, '$1 != "09385" && $2 == 2026 && $3 == "female_wage_workers" && $4 == "num" {s += $6} END {print s}' values.csv)
exp_den=$(awk -F, '$1 != "09385" && $2 == 2026 && $3 == "female_wage_workers" && $4 == "den" {s += $6} END {print s}' values.csv)
n=$(printf '%s\n' "$communes" | wc -l)

expect_ok "$GEMIS" progress --unit 12 --year 2026 --json
printf '%s' "$out" >progress.json
jq -e . progress.json >/dev/null || die "not JSON"
w='.indicators[] | select(.indicator == "female_wage_workers")'
[ "$(jq "$w | .numerator" progress.json)" = "$exp_num" ] || die "numerator: $(jq "$w | .numerator" progress.json) != $exp_num"
[ "$(jq "$w | .denominator" progress.json)" = "$exp_den" ] || die "denominator"
jq -e --argjson n "$exp_num" --argjson d "$exp_den" \
	"$w | ((.value - (\$n / \$d * 100)) | fabs) < 1e-6" progress.json >/dev/null || die "value is not num/den*100"
[ "$(jq "$w | .reporting.units" progress.json)" = "$n" ] || die "reporting units"
[ "$(jq "$w | .target.value" progress.json)" = 60 ] || die "the national target"
[ "$(jq -r "$w | .target.set_by" progress.json)" = VN ] || die "target origin"
[ "$(jq -r "$w | .status" progress.json)" != no_data ] || die "status"
[ "$(jq "$w | .by_sex" progress.json)" = null ] || die "by_sex of a total-only indicator"
p='.indicators[] | select(.indicator == "primary_completion")'
exp_pnum=$(awk -F, '$1 != "09385" && $3 == "primary_completion" && $4 == "num" {s += $6} END {print s}' values.csv)
[ "$(jq "$p | .numerator" progress.json)" = "$exp_pnum" ] || die "F + M numerator"
[ "$(jq "$p | .denominator" progress.json)" = "$((n * 200))" ] || die "F + M denominator"
jq -e "$p | .by_sex.F != null and .by_sex.M != null" progress.json >/dev/null || die "by sex"
# every indicator of the catalog is listed, without data as no_data
[ "$(jq '.indicators | length' progress.json)" = 24 ] || die "all indicators"
[ "$(jq -r '.indicators[] | select(.indicator == "gender_knowledge_access") | .status' progress.json)" = no_data ] || die "no_data"
[ "$(jq -r '.unit' progress.json)" = 12 ] || die "unit"
[ "$(jq -r '.demo' progress.json)" = false ] || die "demo flag"
# the commune of another province: in the nation, not in Lai Châu
expect_ok "$GEMIS" progress --unit VN --year 2026 --json
[ "$(printf '%s' "$out" | jq "$w | .numerator")" = "$((exp_num + 1))" ] || die "national sum"
# the table for people
expect_ok "$GEMIS" progress --unit 12 --year 2026
contains "$out" "Goal 2: Economy and labour"
contains "$out" "Female wage workers among employed women"
expect_ok "$GEMIS" --lang vi progress --unit 12 --year 2026
contains "$out" "Mục tiêu 2"
expect_fail 1 "$GEMIS" progress --unit 77777 --year 2026
contains "$err" "unknown unit code '77777'"
