# A commune's yearly report to its province (and a province's to the
# ministry) is in the "due this week and late" list and in the focal
# point's reminder once the unit above has set the day it is due: due soon,
# then late, and gone once submitted; nothing without a deadline.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

export GEMIS_TODAY=2026-12-15
expect_ok "$GEMIS" demo
start_server
JAR=bl.jar sign_in binhlu gemis-demo-2026
JAR=bl.jar http GET /lang/en
JAR=lc.jar sign_in laichau gemis-demo-2026
JAR=lc.jar http GET /lang/en

# no deadline set: nothing is owed
JAR=bl.jar http GET "/?year=2026"
expect_status 200
not_contains "$body" "Yearly report to"

# due in three days
expect_ok "$GEMIS" chain period --unit 12 --year 2026 --from 2025-12-15 --to 2026-12-14 --due 2026-12-18
JAR=bl.jar http GET "/?year=2026"
printf '%s' "$body" | grep -q '<li class="soon chain"><a href="/chain/03390/2026/report">Yearly report to Lai Châu</a> · not started · due 18/12/2026</li>' ||
	die "the report due soon is not listed: $(printf '%s' "$body" | grep -o '<ul class="due">.*</ul>' | head -c 2000)"
# a due day three weeks away is not "this week"
expect_ok "$GEMIS" chain period --unit 12 --year 2026 --from 2025-12-15 --to 2026-12-14 --due 2027-01-05
JAR=bl.jar http GET "/?year=2026"
not_contains "$body" "Yearly report to"
# late
expect_ok "$GEMIS" chain period --unit 12 --year 2026 --from 2025-12-15 --to 2026-12-14 --due 2026-12-10
JAR=bl.jar http GET "/?year=2026"
printf '%s' "$body" | grep -q '<li class="late chain"><a href="/chain/03390/2026/report">Yearly report to Lai Châu</a> · not started · due 10/12/2026 · overdue</li>' ||
	die "the late report is not listed: $(printf '%s' "$body" | grep -o '<ul class="due">.*</ul>' | head -c 2000)"

# the focal point's daily digest says so (a dry run: nothing sent)
expect_ok "$GEMIS" user email binhlu focal@binhlu.example.vn
cat >mail.conf <<CONF
smtp_url = smtp://127.0.0.1:9
from = gemis@binhlu.example.vn
tls = off
days_before = 7, 1
late_every = 7
site_url = https://gemis.example.vn/
language = en
CONF
expect_ok "$GEMIS" remind --config mail.conf --unit 03390 --today 2026-12-11 --dry-run
digest=$(printf '%s\n' "$out" | tr -d '\r' | awk '/^Content-Transfer-Encoding: base64/ { h = 1 } h == 1 && /^$/ { h = 2; next }
	h == 2 && /^[A-Za-z0-9+\/=]+$/ { print; next } h == 2 { exit }' | base64 -d)
contains "$digest" "== The commune's own reports ==
$(printf '\nLate:')
- Yearly report to Lai Châu: due 10/12/2026, 1 day late
  https://gemis.example.vn/chain/03390/2026/report"

# the province owes the ministry its own once the nation sets a day
JAR=lc.jar http GET "/?year=2026"
not_contains "$body" "Yearly report to"
expect_ok "$GEMIS" chain period --unit VN --year 2026 --from 2025-12-15 --to 2026-12-14 --due 2026-12-20
JAR=lc.jar http GET "/?year=2026"
contains "$body" '<a href="/chain/12/2026/report">Yearly report to the ministry</a> · not started · due 20/12/2026</li>'

# submitted: owed no more
expect_ok "$GEMIS" chain submit --unit 03390 --year 2026 --as binhlu
JAR=bl.jar http GET "/?year=2026"
not_contains "$body" "Yearly report to"
stop_server
