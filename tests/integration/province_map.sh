# The province page's map (web/tilemap.c, issue 16 item 4): a tile grid of
# the province's communes, one square each in the order of their codes,
# coloured by one indicator's status and marked with its sign (not colour
# alone), each a named link to the commune, with a legend that counts
# them, the note that it is not a geographic map, and the table below.
# The case register's hidden values stay hidden on it.
# backends: sqlite
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
start_server
sign_in laichau gemis-demo-2026
http GET /lang/en?next=/

http GET "/province/12?year=2026&map=female_key_leaders"
expect_status 200
svg=$(printf '%s' "$body" | tr -d '\n' | grep -o '<svg class="tiles".*</svg>')
[ -n "$svg" ] || die "no tile map on the province page"
printf '%s' "$svg" | grep -o '<a href="/?unit=[0-9]*&amp;year=2026"' | sed 's/.*unit=\([0-9]*\).*/\1/' >tiles
nrows=$(printf '%s' "$body" | grep -o '<tr class="[a-z]*"><th scope="row">' | wc -l)
[ "$(wc -l <tiles)" -gt 10 ] || die "too few squares: $(wc -l <tiles)"
[ "$(wc -l <tiles)" = "$nrows" ] || die "$(wc -l <tiles) squares for $nrows communes in the table"
sort -c tiles || die "the squares are not in the order of the codes"
[ "$(sort -u tiles | wc -l)" = "$(wc -l <tiles)" ] || die "a commune has two squares"
# every square is named (screen readers, tooltips) and carries a sign
[ "$(printf '%s' "$svg" | grep -o '<a href="[^"]*" aria-label="[^"]*: [^"]*"><title>' | wc -l)" = "$nrows" ] ||
	die "a square without its name and status"
[ "$(printf '%s' "$svg" | grep -o '<text [^>]*aria-hidden="true">[^<]' | wc -l)" = "$nrows" ] ||
	die "a square without its sign"
contains "$svg" 'Bình Lư: '
# the legend counts every square once
legend=$(printf '%s' "$body" | tr -d '\n' | grep -o '<ul class="legend">.*</ul>' | sed 's|</ul>.*||')
total=$(printf '%s' "$legend" | grep -o ': [0-9]*</li>' | tr -dc '0-9\n' | paste -sd+ | bc)
[ "$total" = "$nrows" ] || die "the legend counts $total of $nrows communes"
contains "$legend" 'class="swatch st-'
contains "$body" "Not a geographic map"
contains "$body" '<table class="grid">'
# one square's status is the table's status for that commune
bl=$(printf '%s' "$svg" | grep -o '<a href="/?unit=03390[^>]*><title>[^<]*</title><rect class="[a-z-]*"' | sed 's/.*rect class="\([a-z-]*\)"/\1/')
cell=$(printf '%s' "$body" | grep -o '<a class="cell [a-z-]*" href="/indicator/female_key_leaders?unit=03390[^"]*"' | sed 's/.*class="cell \([a-z-]*\)".*/\1/')
[ -n "$bl" ] && [ "$bl" = "$cell" ] || die "Bình Lư's square is '$bl', its cell '$cell'"

# the violence indicators: a hidden value is hidden on the map too
http GET "/province/12?year=2026&map=dv_victims_supported"
expect_status 200
svg=$(printf '%s' "$body" | tr -d '\n' | grep -o '<svg class="tiles".*</svg>')
hidden=$(printf '%s' "$body" | grep -o 'class="cell st-hidden" href="/indicator/dv_victims_supported?unit=[0-9]*' | sed 's/.*unit=//')
[ -n "$hidden" ] || die "the demo hides no commune's dv_victims_supported to check"
for u in $hidden; do
	label=$(printf '%s' "$svg" | grep -o "<a href=\"/?unit=$u&amp;year=2026\" aria-label=\"[^\"]*\"><title>[^<]*</title><rect class=\"[a-z-]*\"")
	contains "$label" 'hidden: few cases'
	contains "$label" 'st-hidden'
	not_contains "$label" '%'
done

# the filters keep the map's indicator (htmx replaces map and table together)
http GET "/province/12?year=2026&map=female_wage_workers&status=off_track"
contains "$body" '<input type="hidden" name="map" value="female_wage_workers">'
contains "$body" '<option value="female_wage_workers" selected>'

# the indicator chosen by default is the sorted column; an unknown one is refused
http GET "/province/12?year=2026&sort=primary_completion"
contains "$body" '<option value="primary_completion" selected>'
http GET "/province/12?year=2026&map=nonsense"
expect_status 400

# the nation's map: its provinces, linked to their pages
JAR=admin.jar
sign_in admin gemis-demo-2026
http GET /lang/en?next=/
http GET "/province/VN?year=2026"
expect_status 200
[ "$(printf '%s' "$body" | tr -d '\n' | grep -o '<svg class="tiles".*</svg>' | grep -o '<a href="/province/[0-9]*?year=2026"' | wc -l)" = 34 ] ||
	die "the nation's map has not 34 provinces"

# in Vietnamese
JAR=jar.txt
http GET /lang/vi?next=/
http GET "/province/12?year=2026"
contains "$body" "Không phải bản đồ địa lý"
stop_server
