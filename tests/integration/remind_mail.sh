# gemis remind (issue 16, reminders): the day's e-mails reach a real SMTP
# server (tests/tools/smtp-sink.py, Debian's aiosmtpd) with the right
# recipients and text, in English and Vietnamese; one mail per account and
# day however often it runs; a late report again after late_every days;
# STARTTLS required and verified against the relay's certificate; a relay
# that refuses is reported and retried the next run; off without settings;
# a bad setting named by file and line; the SMTP password never printed.
# backends: sqlite postgresql
. "$ROOT/tests/integration/lib.sh"

py=/usr/bin/python3
$py -c 'import aiosmtpd' 2>/dev/null || { echo "python3-aiosmtpd is not installed"; exit 77; }
pids=""
trap 'for p in $pids; do kill "$p" 2>/dev/null || true; done' EXIT

# start_sink DIR [--tls CERT KEY]: an SMTP server; its port in $port
start_sink() {
	d=$1
	shift
	mkdir -p "$d"
	$py "$ROOT/tests/tools/smtp-sink.py" "$d" "$@" 2>"$d.log" &
	pids="$pids $!"
	i=0
	while [ ! -f "$d/port" ]; do
		i=$((i + 1))
		[ "$i" -lt 100 ] || { cat "$d.log" >&2; die "the SMTP server did not start"; }
		sleep 0.1
	done
	port=$(cat "$d/port")
}
count() { ls "$1" | grep -c '\.rcpt$' || true; }

expect_ok "$GEMIS" init
expect_ok "$GEMIS" plan import "$SHARED/plans/004_43d52928025800ca.txt" --apply
printf 'a long enough passphrase\n' >pw
for a in yte vhxh; do
	expect_ok "$GEMIS" user add "rep.$a" --role reporter --unit 03390 --agency "$a" --password-stdin <pw
	expect_ok "$GEMIS" user email "rep.$a" "$a@binhlu.example.vn"
done
expect_ok "$GEMIS" user add rep.noaddr --role reporter --unit 03390 --agency kinhte --password-stdin <pw
expect_ok "$GEMIS" user add focal.bl --role focal --unit 03390 --password-stdin <pw
expect_ok "$GEMIS" user email focal.bl focal@binhlu.example.vn
expect_fail 2 "$GEMIS" user email rep.yte 'x@y.vn>, evil@z.vn'
contains "$err" "not an e-mail address"
# a focal point of another commune may not set it
expect_ok "$GEMIS" user add focal.other --role focal --unit 03394 --password-stdin <pw
expect_fail 1 "$GEMIS" user email rep.yte a@b.vn --as focal.other
contains "$err" "may not manage"

# off by default
expect_ok "$GEMIS" remind --config none.conf --today 2026-11-23
contains "$err" "reminders are off"

start_sink plain
cat >mail.conf <<CONF
# the relay of this test
smtp_url = smtp://127.0.0.1:$port
from = gemis@binhlu.example.vn
tls = off
days_before = 7, 1
late_every = 7
site_url = https://gemis.example.vn/
language = en
CONF

# 23/11, 7 days before the reports are due (30/11): the health station's
# and the culture office's reporters, and the focal point's digest; the
# economic office's reporter has no address and gets nothing
expect_ok "$GEMIS" remind --config mail.conf --today 2026-11-23
contains "$err" "2 reminders and 1 digests sent"
[ "$(count plain)" = 3 ] || die "3 mails expected, got $(count plain)"
[ "$(cat plain/*.rcpt | sort | tr '\n' ' ')" = "focal@binhlu.example.vn vhxh@binhlu.example.vn yte@binhlu.example.vn " ] ||
	die "recipients: $(cat plain/*.rcpt | tr '\n' ' ')"
for n in 1 2 3; do
	[ "$(wc -l <plain/$n.rcpt)" = 1 ] || die "mail $n went to several addresses at once"
done
yte=$(grep -l '^yte@' plain/*.rcpt | sed 's/rcpt$/txt/')
txt=$(cat "$yte")
contains "$txt" "Subject: [gemis] Health station, Bình Lư: 0 late, 1 due soon"
contains "$txt" "To Health station, Xã Bình Lư:"
contains "$txt" "- Report of 2026: due 30/11/2026, in 7 days"
contains "$txt" "https://gemis.example.vn/entry/03390/yte/2026"
contains "$txt" "account rep.yte"
not_contains "$txt" "Report of 2025"
digest=$(cat "$(grep -l '^focal@' plain/*.rcpt | sed 's/rcpt$/txt/')")
contains "$digest" "Subject: [gemis] Bình Lư: daily digest, 0 late, 8 due soon"
contains "$digest" "== Economic Office =="
grep -q '^Content-Transfer-Encoding: base64' plain/1.eml || die "the body is not base64"
grep -q '^Subject: =?UTF-8?B?' plain/1.eml || die "the subject is not an encoded word"

# again the same day: nothing twice
expect_ok "$GEMIS" remind --config mail.conf --today 2026-11-23
contains "$err" "0 reminders and 0 digests sent, 3 already sent today"
[ "$(count plain)" = 3 ] || die "a second run sent again"

# 24/11 is not a reminder day (6 days before): only the digest
expect_ok "$GEMIS" remind --config mail.conf --today 2026-11-24
contains "$err" "0 reminders and 1 digests sent"

# the health station hands its report in (27/11): on 29/11, 1 day before,
# only the culture office is reminded
sql gemis.db "INSERT INTO submissions (unit_id, agency, period, status, version, created_at, updated_at, updated_by, submitted_at, submitted_by)
SELECT id, 'yte', '2026', 'submitted', 2, 1795737600, 1795737600, 'rep.yte', 1795737600, 'rep.yte' FROM units WHERE code = '03390'"
before=$(count plain)
expect_ok "$GEMIS" remind --config mail.conf --today 2026-11-29
contains "$err" "1 reminders and 1 digests sent"
[ "$(tail -n +1 plain/*.rcpt | grep -c '^yte@')" = 1 ] || die "the health station was reminded after handing its report in"
last=$(count plain)
[ "$last" = $((before + 2)) ] || die "2 mails expected on 29/11"
vhxh=$(grep -l '^vhxh@' plain/*.rcpt | sort -t/ -k2 -n | tail -n 1 | sed 's/rcpt$/txt/')
contains "$(cat "$vhxh")" "- Report of 2026: due 30/11/2026, in 1 day"

# late: the day after (1 day late), not the next (2), again after a week (8)
expect_ok "$GEMIS" remind --config mail.conf --today 2026-12-01
contains "$err" "1 reminders and 1 digests sent"
vhxh=$(grep -l '^vhxh@' plain/*.rcpt | sort -t/ -k2 -n | tail -n 1 | sed 's/rcpt$/txt/')
contains "$(cat "$vhxh")" "Subject: [gemis] Culture and Social Affairs Office, Bình Lư: 1 late, 0 due soon"
contains "$(cat "$vhxh")" "- Report of 2026: due 30/11/2026, 1 day late"
expect_ok "$GEMIS" remind --config mail.conf --today 2026-12-02
contains "$err" "0 reminders and 1 digests sent"

# in Vietnamese, and a task due on 31/12 (2.1, led by the culture office)
sed 's/^language = en/language = vi/' mail.conf >mail-vi.conf
expect_ok "$GEMIS" remind --config mail-vi.conf --today 2026-12-24
vhxh=$(grep -l '^vhxh@' plain/*.rcpt | sort -t/ -k2 -n | tail -n 1 | sed 's/rcpt$/txt/')
txt=$(cat "$vhxh")
contains "$txt" "quá hạn"
contains "$txt" "2.1"
contains "$txt" "31/12/2026"
contains "$txt" "https://gemis.example.vn/tasks/03390/"

# a dry run prints and records nothing
n=$(count plain)
expect_ok "$GEMIS" remind --config mail.conf --today 2026-12-08 --dry-run
contains "$out" "==> rep.vhxh <vhxh@binhlu.example.vn>"
[ "$(count plain)" = "$n" ] || die "a dry run sent mail"
expect_ok "$GEMIS" remind --config mail.conf --today 2026-12-08
contains "$err" "1 reminders and 1 digests sent"

# STARTTLS required, the relay's certificate checked against ca_file
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 \
	-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null
start_sink tls --tls cert.pem key.pem
printf 'secret-smtp-passphrase\n' >smtp-password
sed -e "s|^smtp_url = .*|smtp_url = smtp://127.0.0.1:$port|" -e 's/^tls = off/tls = required/' mail.conf >tls.conf
printf 'ca_file = %s\n' "$PWD/cert.pem" >>tls.conf
expect_ok "$GEMIS" remind --config tls.conf --today 2026-12-15
contains "$err" "1 reminders and 1 digests sent"
[ "$(count tls)" = 2 ] || die "2 mails expected over TLS, got $(count tls)"
# without the relay's CA the certificate is refused and nothing recorded:
# the next run sends it
grep -v '^ca_file' tls.conf >noca.conf
printf 'user = gemis\npassword_file = %s\n' "$PWD/smtp-password" >>noca.conf
expect_fail 1 "$GEMIS" remind --config noca.conf --today 2026-12-22
contains "$err" "did not take the message"
contains "$err" "certificate"
contains "$err" "2 refused"
not_contains "$out$err" "secret-smtp-passphrase"
# a relay that does not offer TLS is refused when TLS is required
sed "s|^smtp_url = .*|smtp_url = smtp://127.0.0.1:$(cat plain/port)|" tls.conf >plain-tls.conf
expect_fail 1 "$GEMIS" remind --config plain-tls.conf --today 2026-12-22
contains "$err" "refused"
expect_ok "$GEMIS" remind --config tls.conf --today 2026-12-22
contains "$err" "1 reminders and 1 digests sent"

# bad settings are named by file and line
printf 'smtp_url = smtp://127.0.0.1:25\nfrom = gemis@x.vn\ndays_before = 7,seven\n' >bad.conf
expect_fail 1 "$GEMIS" remind --config bad.conf
contains "$err" "bad.conf:3"
contains "$err" "days_before"
printf 'smtp_url = http://127.0.0.1\n' >bad2.conf
expect_fail 1 "$GEMIS" remind --config bad2.conf
contains "$err" "bad2.conf:1"
printf 'from = gemis@x.vn\n' >bad3.conf
expect_fail 1 "$GEMIS" remind --config bad3.conf
contains "$err" "smtp_url"
