#!/usr/bin/env python3
"""hostile.py: raw-socket clients for the integration tests that play a
hostile client against `gemis serve` (what curl will not send).

    hostile.py unauth-bodies URL PID [N]   N unfinished unauthenticated
                                           uploads: each is refused at once
                                           and the server's memory stays put
    hostile.py framing URL                 the RFC 9112 framing table

Each prints its figures and exits 1 on the first failure, with the reason.
"""
import os
import socket
import sys
import time


def die(msg):
    print("FAILED: " + msg, file=sys.stderr)
    sys.exit(1)


def addr_of(url):
    # http://127.0.0.1:PORT
    hostport = url.split("://", 1)[1].rstrip("/")
    host, port = hostport.rsplit(":", 1)
    return host, int(port)


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    die("no VmRSS for %d" % pid)


def read_answer(sock, timeout):
    """Reads until the server closes or the timeout; returns the bytes and
    whether the server closed the connection."""
    sock.settimeout(timeout)
    data = b""
    closed = False
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            break
        except (ConnectionResetError, BrokenPipeError):
            closed = True
            break
        if not chunk:
            closed = True
            break
        data += chunk
        sock.settimeout(max(0.01, end - time.monotonic()))
    return data, closed


def status_of(data):
    line = data.split(b"\r\n", 1)[0]
    parts = line.split(b" ")
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/"):
        return None
    return int(parts[1])


def unauth_bodies(url, pid, n):
    """N clients each announce a 20 MB upload without signing in, push up to
    2 MB of it and stall.  Each must get 401/403 at once, and the server's
    resident memory must not grow by the bodies."""
    host, port = addr_of(url)
    targets = [
        ("/upload", "multipart/form-data; boundary=x", ""),
        ("/api/v1/values", "text/csv", ""),
        ("/plan/03390/upload", "multipart/form-data; boundary=x", ""),
        ("/api/v1/values", "text/csv", "Cookie: gemis_session=" + "ab" * 32 + "\r\n"),
        ("/api/v1/values", "text/csv", "Authorization: Bearer gmt_" + "00" * 32 + "\r\n"),
    ]
    # one refused upload first: the snapshot the sign-in check loads, and
    # the threads' first arenas, are not the clients' cost
    warm = socket.create_connection((host, port))
    warm.sendall(("POST /upload HTTP/1.1\r\nHost: %s\r\nContent-Length: 10\r\n\r\n" % host).encode())
    read_answer(warm, 5.0)
    warm.close()
    before = rss_kb(pid)
    socks = []
    worst = 0.0
    statuses = {}
    chunk = b"x" * 65536
    for i in range(n):
        path, ctype, extra = targets[i % len(targets)]
        s = socket.create_connection((host, port))
        t0 = time.monotonic()
        s.sendall(("POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: 20000000\r\n%s\r\n"
                   % (path, host, ctype, extra)).encode())
        # push body until 2 MB are gone or the server stops taking it
        s.setblocking(False)
        sent = 0
        end = time.monotonic() + 0.5
        while sent < (2 << 20) and time.monotonic() < end:
            try:
                sent += s.send(chunk)
            except BlockingIOError:
                time.sleep(0.005)
            except (BrokenPipeError, ConnectionResetError):
                break
        s.setblocking(True)
        data, closed = read_answer(s, 5.0)
        took = time.monotonic() - t0
        worst = max(worst, took)
        st = status_of(data)
        statuses[st] = statuses.get(st, 0) + 1
        if st not in (401, 403):
            die("%s without signing in: got %r, want 401 or 403" % (path, data[:200]))
        if not closed:
            die("%s: the connection stayed open after the refusal" % path)
        socks.append(s)  # kept open on our side: an attacker would
    time.sleep(0.3)
    after = rss_kb(pid)
    for s in socks:
        s.close()
    grow = after - before
    print("unauthenticated uploads: %d refused (%s) in at most %.0f ms each; server RSS %d KB -> %d KB (%+d KB, %.1f KB a client)"
          % (n, ", ".join("%s: %d" % (k, v) for k, v in sorted(statuses.items())), worst * 1000,
             before, after, grow, grow / n))
    # before the gate, each client cost what it had sent (2 MB here, up to 20 MB)
    if grow > 16 * 1024:
        die("the server grew by %d KB for %d unauthenticated clients" % (grow, n))


SMUGGLED = b"GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n"

# name, the request (a smuggled GET /healthz follows it on the connection),
# the status wanted, whether the connection must close after it (so that
# the smuggled request is never answered); "pipelined" is the control: a
# well-framed request, and the one behind it is answered too.
FRAMING = [
    ("pipelined", b"POST /login HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\n"
     b"Content-Length: 17\r\n\r\nname=a&password=b", 403, False),
    ("chunked alone", b"POST /login HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\n"
     b"Transfer-Encoding: chunked\r\n\r\n"
     b"11\r\nname=a&password=b\r\n0\r\n\r\n", 403, False),
    ("HTTP/1.0 without Host", b"GET /healthz HTTP/1.0\r\n\r\n", 200, True),
    ("Content-Length and Transfer-Encoding",
     b"POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, True),
    ("Transfer-Encoding and Content-Length",
     b"POST /login HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n", 400, True),
    ("Content-Length twice, same", b"POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\nx=12",
     400, True),
    ("Content-Length twice, different",
     b"POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nContent-Length: 40\r\n\r\nx=12", 400, True),
    ("Content-Length list", b"POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: 4, 4\r\n\r\nx=12", 400, True),
    ("Content-Length signed", b"POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: +4\r\n\r\nx=12", 400, True),
    ("Content-Length not a number", b"POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: 4x\r\n\r\nx=12", 400, True),
    ("space before the colon",
     b"POST /login HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n", 400, True),
    ("space in a field name", b"POST /login HTTP/1.1\r\nHost: a\r\nContent Length: 4\r\n\r\nx=12", 400, True),
    ("tab before the colon", b"POST /login HTTP/1.1\r\nHost: a\r\nTransfer-Encoding\t: chunked\r\n\r\n0\r\n\r\n",
     400, True),
    ("unknown transfer coding", b"POST /login HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\nx=12", 501, True),
    ("unknown coding before chunked",
     b"POST /login HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501, True),
    ("chunked not last", b"POST /login HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n",
     400, True),
    ("chunked twice", b"POST /login HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
     400, True),
    ("Transfer-Encoding twice",
     b"POST /login HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
     400, True),
    ("Transfer-Encoding in HTTP/1.0",
     b"POST /login HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, True),
    ("malformed chunk size", b"POST /login HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nx=12\r\n0\r\n\r\n",
     400, True),
    ("HTTP/1.1 without Host", b"GET /healthz HTTP/1.1\r\n\r\n", 400, True),
    ("Host twice", b"GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, True),
    # an obs-fold is replaced by a space, which RFC 9112 section 5.2 allows
    ("folded field, unfolded", b"GET /healthz HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n  2\r\n\r\n", 200, False),
]


def framing(url):
    host, port = addr_of(url)
    failed = 0
    for name, req, want, close in FRAMING:
        s = socket.create_connection((host, port))
        s.sendall(req + SMUGGLED)
        data, closed = read_answer(s, 2.0)
        s.close()
        answers = data.count(b"HTTP/1.")
        st = status_of(data)
        # (libmicrohttpd may write its own 400 twice; what matters is that
        # the request behind is not answered)
        smuggled = data.count(b"\r\n\r\nok\n") + (st == 200 and want != 200)
        ok = st == want and (closed and smuggled == (1 if want == 200 else 0) if close else answers == 2)
        print("%-4s %-40s %s, %d answer%s, %s" % ("ok" if ok else "FAIL", name, st, answers,
                                                  "" if answers == 1 else "s", "closed" if closed else "kept open"))
        if not ok:
            failed += 1
            print("     want %d%s; got %r" % (want, " and closed" if close else " then the next", data[:300]))
    print("%d framing cases, %d failed" % (len(FRAMING), failed))
    if failed:
        sys.exit(1)


def main():
    if len(sys.argv) < 3:
        die(__doc__)
    cmd = sys.argv[1]
    if cmd == "unauth-bodies":
        unauth_bodies(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 40)
    elif cmd == "framing":
        framing(sys.argv[2])
    else:
        die("unknown command " + cmd)


if __name__ == "__main__":
    main()
