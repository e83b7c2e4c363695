# Comparisons (issue 16, item 3): a commune's dashboard and indicator page
# show the province's and the nation's value and status of each indicator
# beside its own: the same figures as those units' own pages, as links only
# for an account that may open them (a commune's sees the aggregates, not
# the pages).
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
printf 'a long enough password\n' >pw.txt
expect_ok "$GEMIS" user add nat.viewer --role viewer --unit VN --password-stdin <pw.txt
start_server
for a in focal:binhlu:gemis-demo-2026 prov:laichau:gemis-demo-2026 nat:nat.viewer; do
	jar=${a%%:*}
	rest=${a#*:}
	name=${rest%%:*}
	pw=${rest#*:}
	[ "$jar" = nat ] && pw="a long enough password"
	JAR=$jar.jar sign_in "$name" "$pw"
	JAR=$jar.jar http GET /lang/en
done

# val_of PAGE INDICATOR: the value shown in the indicator's card
val_of() {
	tr '\n' ' ' <"$1" | grep -o "<li class=\"ind [^\"]*\"><div class=\"name\"><a href=\"/indicator/$2?[^<]*</a></div><div class=\"nums\"><span class=\"val\"[^>]*>[^<]*<" |
		sed 's/.*<span class="val"[^>]*>//; s/<$//'
}
# cmp_of PAGE INDICATOR CODE: what the indicator's card (or the indicator
# page's comparison) says of unit CODE, a link or not
cmp_of() {
	perl -0ne 'my ($k, $u) = ("'"$2"'", "'"$3"'"); s/\n/ /g;
		my $part = /<li class="ind [^"]*"><div class="name"><a href="\/indicator\/$k\?.*?<\/li>/ ? $& : $_;
		print "$1\n" if $part =~ /<div class="cmp">.*?<(?:a|span) [^>]*(?:unit=$u&amp;|data-unit="$u")[^>]*>([^<]*)</;' "$1"
}

JAR=focal.jar http GET "/?unit=03390&year=2026"
cp body.txt commune.html
JAR=prov.jar http GET "/?unit=12&year=2026"
cp body.txt province.html
JAR=nat.jar http GET "/?unit=VN&year=2026"
cp body.txt nation.html
JAR=prov.jar http GET "/?unit=03390&year=2026"
cp body.txt commune-as-prov.html
for k in female_wage_workers female_key_leaders adolescent_birth_rate dv_victims_supported maternal_mortality; do
	prov=$(val_of province.html "$k")
	nat=$(val_of nation.html "$k")
	[ -n "$prov" ] && [ -n "$nat" ] || die "$k: no value on the province's or the nation's dashboard"
	[ "$(cmp_of commune.html "$k" 12)" = "Lai Châu $prov" ] ||
		die "$k: the commune's card says '$(cmp_of commune.html "$k" 12)' of the province, its page '$prov'"
	case "$(cmp_of commune.html "$k" VN)" in
	*" $nat") ;;
	*) die "$k: the commune's card says '$(cmp_of commune.html "$k" VN)' of the nation, its page '$nat'" ;;
	esac
	[ "$(cmp_of commune-as-prov.html "$k" 12)" = "Lai Châu $prov" ] || die "$k: the province's account sees another figure"
done
# a focal point gets no link to pages it may not open; the province gets one
tr '\n' ' ' <commune.html | grep -o '<div class="cmp">.*' | grep -q 'href="/indicator/[a-z_]*?unit=12&amp;' &&
	die "the focal point is given links to the province's pages"
tr '\n' ' ' <commune-as-prov.html | grep -q 'href="/indicator/female_wage_workers?unit=12&amp;year=2026"' ||
	die "the province's account has no link to its own indicator page"

# the indicator page too
JAR=focal.jar http GET "/indicator/female_wage_workers?unit=03390&year=2026"
contains "$body" "Compared with"
[ "$(cmp_of body.txt female_wage_workers 12)" = "Lai Châu $(val_of province.html female_wage_workers)" ] ||
	die "the indicator page compares differently: $(cmp_of body.txt female_wage_workers 12)"
# the nation has nothing above it
not_contains "$(cat nation.html)" 'class="cmp"'
stop_server
