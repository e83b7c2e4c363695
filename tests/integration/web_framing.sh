# Request framing as RFC 9112 asks (issue 22): a request whose length could
# be read two ways (Content-Length with Transfer-Encoding, two
# Content-Lengths, a space before a colon, chunked not last or twice) is
# answered 400 and its connection closed, so that no request smuggled
# behind it is ever answered; an unknown transfer coding gets 501; an
# HTTP/1.1 request without Host (or with two) gets 400.  The table is in
# tests/integration/hostile.py; each case sends a GET /healthz behind the
# request on the same connection and checks it is not answered.
. "$ROOT/tests/integration/lib.sh"

expect_ok "$GEMIS" init
start_server --quiet
python3 "$ROOT/tests/integration/hostile.py" framing "$BASE" || die "request framing"
stop_server
