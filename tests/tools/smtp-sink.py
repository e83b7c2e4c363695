#!/usr/bin/python3
"""smtp-sink: a real SMTP server for tests (Debian's python3-aiosmtpd).

usage: smtp-sink.py DIR [--tls CERT KEY]

Listens on 127.0.0.1 on a free port, written to DIR/port once it listens.
Every message it accepts becomes three files in DIR, N counting from 1:
  N.rcpt  the envelope's recipients, one a line (RCPT TO)
  N.eml   the message as received
  N.txt   its Subject and text body decoded (RFC 2047, base64), for grep
With --tls it offers STARTTLS with that certificate and refuses mail sent
before it (require_starttls).  Runs until killed.
"""
import asyncio
import email
import email.policy
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, out):
        self.out = out
        self.n = 0

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        base = os.path.join(self.out, str(self.n))
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        body = msg.get_body(preferencelist=("plain",))
        with open(base + ".eml", "wb") as f:
            f.write(raw)
        with open(base + ".txt", "w", encoding="utf-8") as f:
            f.write("Subject: %s\n\n%s" % (msg["subject"], body.get_content() if body else ""))
        # the recipients last: a test waiting for N.rcpt finds the others
        with open(base + ".rcpt.tmp", "w") as f:
            f.write("\n".join(envelope.rcpt_tos) + "\n")
        os.rename(base + ".rcpt.tmp", base + ".rcpt")
        return "250 OK"


def main():
    out = sys.argv[1]
    kw = {}
    if len(sys.argv) == 5 and sys.argv[2] == "--tls":
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(sys.argv[3], sys.argv[4])
        kw = {"tls_context": ctx, "require_starttls": True}
    loop = asyncio.new_event_loop()
    sink = Sink(out)
    server = loop.run_until_complete(
        loop.create_server(lambda: SMTP(sink, hostname="sink.test", **kw), host="127.0.0.1", port=0))
    with open(os.path.join(out, "port.tmp"), "w") as f:
        f.write(str(server.sockets[0].getsockname()[1]))
    os.rename(os.path.join(out, "port.tmp"), os.path.join(out, "port"))
    loop.run_forever()


if __name__ == "__main__":
    main()
