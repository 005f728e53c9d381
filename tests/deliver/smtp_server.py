#!/usr/bin/python3
"""An SMTP server for the delivery tests (aiosmtpd, Debian python3-aiosmtpd), on 127.0.0.1 only.

It binds a free port, writes the port number to --port-file once it listens, and stores each accepted
message, exactly as received, as STORE/msg-N.eml (written to a temporary name, then renamed, so a file
there is always a whole message). Modes:
  normal             accept every message
  close-mid-message  read the message, then drop the connection before the reply that would accept it
  silent             accept TCP connections and never say anything (no greeting): a timeout
Options: --auth USER:PASSWORD requires a login; --cert/--key add TLS, with --starttls (required before
MAIL) or --implicit-tls (smtps); --refuse-rcpt TEXT answers 550 to any recipient containing TEXT.
The test stops it with SIGTERM.
"""
import argparse
import asyncio
import logging
import os
import signal
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, args):
        self.args = args
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.args.refuse_rcpt and self.args.refuse_rcpt in address:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.args.mode == "close-mid-message":
            server.transport.abort()
            return "451 4.3.0 connection dropped"
        self.count += 1
        path = os.path.join(self.args.store, "msg-%d.eml" % self.count)
        with open(path + ".part", "wb") as f:
            f.write(envelope.original_content)
        with open(os.path.join(self.args.store, "msg-%d.envelope" % self.count), "w") as f:
            f.write("from %s\nto %s\ntls %s\n" % (envelope.mail_from, " ".join(envelope.rcpt_tos),
                                                  "yes" if session.ssl else "no"))
        os.rename(path + ".part", path)
        return "250 2.0.0 accepted"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port-file", required=True)
    p.add_argument("--store", required=True)
    p.add_argument("--mode", default="normal", choices=["normal", "close-mid-message", "silent"])
    p.add_argument("--auth")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--starttls", action="store_true")
    p.add_argument("--implicit-tls", action="store_true")
    p.add_argument("--refuse-rcpt")
    args = p.parse_args()
    # Plain-text AUTH on loopback is what the plain test means to do: no warning about it on every run.
    warnings.filterwarnings("ignore")
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    context = None
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        user, _, password = args.auth.partition(":")
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and \
            auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False)

    handler = Handler(args)

    def factory():
        kwargs = dict(hostname="test.invalid", timeout=30)
        if args.auth:
            kwargs.update(auth_required=True, auth_require_tls=bool(args.starttls or args.implicit_tls),
                          authenticator=authenticator)
        if context is not None and args.starttls:
            kwargs.update(tls_context=context, require_starttls=True)
        return SMTP(handler, **kwargs)

    if args.mode == "silent":
        async def never_answer(reader, writer):
            await asyncio.sleep(3600)
        server = loop.run_until_complete(asyncio.start_server(never_answer, "127.0.0.1", 0))
    else:
        server = loop.run_until_complete(loop.create_server(
            factory, "127.0.0.1", 0, ssl=context if args.implicit_tls else None))
    port = server.sockets[0].getsockname()[1]
    with open(args.port_file + ".part", "w") as f:
        f.write("%d\n" % port)
    os.rename(args.port_file + ".part", args.port_file)
    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    loop.run_forever()
    server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
