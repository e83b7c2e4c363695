#!/usr/bin/env python3
"""hostile.py: raw-socket clients for the integration tests that play a
hostile client against `gemis serve` (what curl will not send).

    hostile.py unauth-bodies URL PID [N]   N unfinished unauthenticated
                                           uploads: each is refused at once
                                           and the server's memory stays put
    hostile.py framing URL                 the RFC 9112 framing table
    hostile.py slow-clients URL PID TOKEN N MB [SCENARIO...]
                                           N slow clients (slowloris, slow
                                           POST, slow read) from one address
                                           and from many, while normal
                                           requests run: >= 99 % served, a
                                           trickle of header lines cannot
                                           keep a connection, memory back
                                           (within MB) afterwards

Each prints its figures and exits 1 on the first failure, with the reason.
"""
import asyncio
import os
import resource
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


# --- slow clients ---------------------------------------------------------
# Each attacker holds a connection as long as the server lets it, and opens
# a new one when it is closed (after a second when it was refused at once).
# The normal client makes one request at a time, each on a new connection,
# from an address of its own, and counts the answers 200 within 10 s.

SLOW_STEP = 5.0      # seconds between an attacker's trickles
HEADER_TIMEOUT = 15  # gemis serve's header deadline (http_config_defaults)


async def raw_connect(loop, host, port, src, rcvbuf=None):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setblocking(False)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    try:
        s.bind((src, 0))
        await asyncio.wait_for(loop.sock_connect(s, (host, port)), 10)
    except BaseException:
        s.close()
        raise
    return s


async def attacker(kind, host, port, src, stop, st):
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        try:
            s = await raw_connect(loop, host, port, src, 2048 if kind == "read" else None)
        except (OSError, asyncio.TimeoutError):
            st["connect_failed"] += 1
            await asyncio.sleep(1)
            continue
        t0 = loop.time()
        try:
            if kind == "loris":
                await loop.sock_sendall(s, b"GET /login HTTP/1.1\r\nHost: gemis\r\n")
            elif kind == "post":
                await loop.sock_sendall(s, b"POST /login HTTP/1.1\r\nHost: gemis\r\n"
                                        b"Content-Type: application/x-www-form-urlencoded\r\n"
                                        b"Content-Length: 16000\r\n\r\nname=")
            else:
                await loop.sock_sendall(s, b"GET /static/vendor/uPlot.iife.min.js HTTP/1.1\r\n"
                                        b"Host: gemis\r\n\r\n")
            n = 0
            while not stop.is_set():
                try:
                    data = await asyncio.wait_for(loop.sock_recv(s, 1 if kind == "read" else 4096), SLOW_STEP)
                except asyncio.TimeoutError:
                    data = None
                if data == b"":
                    break  # closed by the server
                if kind == "loris" and data is None:
                    n += 1
                    await loop.sock_sendall(s, b"X-Slow-%d: a\r\n" % n)
                elif kind == "post" and data is None:
                    await loop.sock_sendall(s, b"a")
                elif kind == "read" and data:
                    await asyncio.sleep(SLOW_STEP)
                elif data and kind != "read":
                    break  # answered (refused): the server closes
        except (OSError, asyncio.TimeoutError):
            pass
        finally:
            s.close()
        held = loop.time() - t0
        st["held"] = max(st["held"], held) if not stop.is_set() else st["held"]
        st["closed"] += 1
        if held < 0.5:
            await asyncio.sleep(1)


async def normal_request(loop, host, port, src, path, token):
    s = await raw_connect(loop, host, port, src)
    try:
        req = b"GET %s HTTP/1.1\r\nHost: gemis\r\nConnection: close\r\n" % path.encode()
        if token:
            req += b"Authorization: Bearer %s\r\n" % token.encode()
        await loop.sock_sendall(s, req + b"\r\n")
        data = b""
        while True:
            chunk = await loop.sock_recv(s, 65536)
            if not chunk:
                break
            data += chunk
        return status_of(data)
    finally:
        s.close()


async def normal_loop(host, port, src, token, n, min_seconds):
    loop = asyncio.get_running_loop()
    served = 0
    worst = 0.0
    t_start = loop.time()
    i = 0
    while i < n or loop.time() - t_start < min_seconds:
        path, tok = ("/api/v1/me", token) if i % 2 else ("/login", None)
        t0 = loop.time()
        try:
            st = await asyncio.wait_for(normal_request(loop, host, port, src, path, tok), 10)
        except (OSError, asyncio.TimeoutError):
            st = None
        worst = max(worst, loop.time() - t0)
        served += st == 200
        i += 1
        await asyncio.sleep(0.1)
    return served, i, worst


async def watch_one(host, port, src, trickle):
    """One connection that trickles a header line every 2 s (or sends
    nothing): the seconds until the server closes it."""
    loop = asyncio.get_running_loop()
    s = await raw_connect(loop, host, port, src)
    t0 = loop.time()
    try:
        await loop.sock_sendall(s, b"GET /login HTTP/1.1\r\nHost: gemis\r\n" if trickle else b"")
        n = 0
        while loop.time() - t0 < 60:
            try:
                data = await asyncio.wait_for(loop.sock_recv(s, 4096), 2)
                if data == b"":
                    break
            except asyncio.TimeoutError:
                if trickle:
                    n += 1
                    await loop.sock_sendall(s, b"X-Trickle-%d: a\r\n" % n)
    except OSError:
        pass
    finally:
        s.close()
    return loop.time() - t0


async def scenario(name, kind, host, port, pid, token, n, sources, normal_src):
    stop = asyncio.Event()
    st = {"connect_failed": 0, "closed": 0, "held": 0.0}
    tasks = [asyncio.create_task(attacker(kind, host, port, sources[i % len(sources)], stop, st))
             for i in range(n)]
    watch = []
    if kind == "loris":
        watch = [asyncio.create_task(watch_one(host, port, normal_src, True)),
                 asyncio.create_task(watch_one(host, port, normal_src, False))]
    await asyncio.sleep(3)
    peak = rss_kb(pid)
    served, total, worst = await normal_loop(host, port, normal_src, token, 100,
                                            HEADER_TIMEOUT + 4 if watch else 0)
    peak = max(peak, rss_kb(pid))
    lived = [await w for w in watch]
    stop.set()
    await asyncio.gather(*tasks)
    print("%-28s %d attackers from %d address%s: %d of %d normal requests served (%.1f %%), slowest %.2f s; "
          "%d attacker connections ended, %d refused at connect; server %d MB at the peak"
          % (name, n, len(sources), "" if len(sources) == 1 else "es", served, total, 100.0 * served / total,
             worst, st["closed"], st["connect_failed"], peak // 1024))
    ok = served >= 0.99 * total
    if lived:
        print("%-28s a header line every 2 s: closed after %.1f s; nothing sent: closed after %.1f s"
              % ("", lived[0], lived[1]))
        ok = ok and max(lived) <= HEADER_TIMEOUT + 3
    return ok


def slow_clients(url, pid, token, n, which):
    host, port = addr_of(url)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if hard < n + 100:
        die("%d attackers need %d descriptors; the limit is %d" % (n, n + 100, hard))
    many = lambda net: ["127.0.%d.%d" % (net, i) for i in range(1, 51)]
    plan = [
        ("slowloris, one address", "loris", ["127.0.0.1"], "127.0.9.1"),
        ("slowloris, many addresses", "loris", many(1), "127.0.9.2"),
        ("slow POST, many addresses", "post", many(2), "127.0.9.3"),
        ("slow read, many addresses", "read", many(3), "127.0.9.4"),
    ]
    # the server's memory once warm (its snapshot read, a few answers made)
    asyncio.run(normal_loop(host, port, "127.0.9.9", token, 20, 0))
    before = rss_kb(pid)
    failed = 0
    for name, kind, sources, normal in plan:
        if which and kind not in which:
            continue
        if not asyncio.run(scenario(name, kind, host, port, pid, token, n, sources, normal)):
            failed += 1
            print("FAIL %s" % name)
    # the connections the attackers left are closed by now or soon
    time.sleep(HEADER_TIMEOUT + 2)
    after = rss_kb(pid)
    print("server memory: %d MB before, %d MB after" % (before // 1024, after // 1024))
    if failed:
        die("%d scenarios served fewer than 99 %% of normal requests, or kept a trickle" % failed)
    return before, after


def main():
    if len(sys.argv) < 3:
        die(__doc__)
    cmd = sys.argv[1]
    if cmd == "unauth-bodies":
        unauth_bodies(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 40)
    elif cmd == "framing":
        framing(sys.argv[2])
    elif cmd == "slow-clients":
        before, after = slow_clients(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]),
                                     sys.argv[7:])
        if after > before + int(sys.argv[6]) * 1024:
            die("the server's memory grew from %d to %d MB" % (before // 1024, after // 1024))
    else:
        die("unknown command " + cmd)


if __name__ == "__main__":
    main()
