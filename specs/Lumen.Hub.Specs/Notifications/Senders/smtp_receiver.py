"""An SMTP server for Lumen's email specs: Debian's python3-aiosmtpd on 127.0.0.1, on a port the
OS picks (printed as "listening on PORT"), saving each accepted message to a folder as NNN.eml
with NNN.json beside it (envelope sender and recipients, whether the session was encrypted, who
logged in). Recipients whose local part is refuse550 or busy451 are refused with that reply.

  python3 smtp_receiver.py --folder DIR [--tls none|starttls|implicit --cert PEM --key PEM]
                           [--login USER --password PASS]
"""
import argparse
import asyncio
import json
import os
import ssl

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Saver:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local == "refuse550":
            return "550 5.1.1 mailbox unavailable"
        if local == "busy451":
            return "451 4.3.0 mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.folder, f"{self.count:03d}")
        with open(name + ".eml", "wb") as eml:
            eml.write(envelope.original_content)
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "login": session.auth_data.login.decode() if session.authenticated else None,
        }
        # Written whole, then renamed: a spec never reads half of it.
        with open(name + ".json.tmp", "w") as out:
            json.dump(meta, out)
        os.replace(name + ".json.tmp", name + ".json")
        return "250 2.0.0 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", required=True)
    parser.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--login")
    parser.add_argument("--password")
    args = parser.parse_args()

    context = None
    if args.tls != "none":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == args.login
              and auth_data.password.decode() == args.password)
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    handler = Saver(args.folder)

    def session():
        return SMTP(
            handler,
            hostname="smtp.lumen.test",
            tls_context=context if args.tls == "starttls" else None,
            authenticator=authenticate if args.login else None,
            auth_required=bool(args.login),
            # AUTH is offered only once encrypted, as real servers do; implicit TLS is encrypted
            # from the start, which aiosmtpd's check (made for STARTTLS) cannot see.
            auth_require_tls=args.tls != "implicit",
        )

    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(
        loop.create_server(session, "127.0.0.1", 0, ssl=context if args.tls == "implicit" else None))
    print(f"listening on {server.sockets[0].getsockname()[1]}", flush=True)
    loop.run_forever()


if __name__ == "__main__":
    main()
