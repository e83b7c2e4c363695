# Hostile clients (issue 22): slowloris, slow POST and slow read at twice
# the connection cap (2,000 connections), from one address and from fifty
# (127.0.x.y), while a loop of normal requests (the sign-in page, and
# /api/v1/me with a token) runs from an address of its own: at least 99 %
# of them answered 200 within 10 s; a connection that trickles a header
# line every 2 s, or sends nothing, closed by the 15 s header deadline; the
# server's memory back to its level afterwards (http/guard.c).  Prints
# its figures.
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" demo
expect_ok "$GEMIS" token create binhlu --label slow-clients
token=$(printf '%s\n' "$out" | grep '^gmt_')
[ -n "$token" ] || die "no token"
# memory afterwards within 16 MB of before; under AddressSanitizer, whose
# allocator keeps freed memory in quarantine and its own pools, within 64
# MB with a small quarantine
grow=16
if grep -qa __asan_init "$GEMIS"; then
	grow=64
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16:allocator_release_to_os_interval_ms=500"
fi
start_server --quiet
python3 "$ROOT/tests/integration/hostile.py" slow-clients "$BASE" "$SERVER_PID" "$token" 2000 "$grow" ||
	die "slow clients"
stop_server
# what the guard did, in one line at the stop (not a line per connection)
grep 'connections ended' serve.err || die "no figures of the guard at the stop"
contains "$(cat serve.err)" "at the limit of one address"
[ "$(wc -l <serve.err)" -lt 20 ] || { head -20 serve.err >&2; die "the log holds a line per slow client"; }
