#!/usr/bin/env python3
"""A small SMTP server for Préau's tests: accepts every message and writes
each one, raw, to DIR/NNNN.eml. Usage: smtp_sink.py PORT DIR
It speaks enough SMTP for lettre (EHLO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, RSET,
NOOP, QUIT); credentials received are written in an X-Test-Auth header."""
import asyncio, base64, os, sys

PORT, DIR = int(sys.argv[1]), sys.argv[2]
os.makedirs(DIR, exist_ok=True)
counter = [0]

async def session(reader, writer):
    def say(line):
        writer.write((line + "\r\n").encode())
    say("220 preau-test-smtp ready")
    await writer.drain()
    rcpt = []
    auth = None
    while True:
        line = await reader.readline()
        if not line:
            break
        cmd = line.decode("utf-8", "replace").strip()
        verb = cmd.split(" ")[0].upper()
        if verb == "EHLO":
            say("250-preau-test-smtp")
            say("250-8BITMIME")
            say("250-AUTH PLAIN LOGIN")
            say("250 SMTPUTF8")
        elif verb == "HELO" or verb == "NOOP" or verb == "MAIL":
            say("250 OK")
        elif verb == "AUTH":
            parts = cmd.split(" ")
            mech = parts[1].upper() if len(parts) > 1 else ""
            if mech == "PLAIN":
                if len(parts) > 2:
                    blob = parts[2]
                else:
                    say("334 ")
                    await writer.drain()
                    blob = (await reader.readline()).decode().strip()
                _, user, password = base64.b64decode(blob).decode().split("\0")
            else:
                say("334 VXNlcm5hbWU6")
                await writer.drain()
                user = base64.b64decode((await reader.readline()).strip()).decode()
                say("334 UGFzc3dvcmQ6")
                await writer.drain()
                password = base64.b64decode((await reader.readline()).strip()).decode()
            auth = user + ":" + password
            say("235 Authentication successful")
        elif verb == "RSET":
            rcpt = []
            say("250 OK")
        elif verb == "RCPT":
            rcpt.append(cmd)
            say("250 OK")
        elif verb == "DATA":
            say("354 End data with <CR><LF>.<CR><LF>")
            await writer.drain()
            data = []
            while True:
                l = await reader.readline()
                if l in (b".\r\n", b".\n", b""):
                    break
                if l.startswith(b".."):
                    l = l[1:]
                data.append(l)
            counter[0] += 1
            path = os.path.join(DIR, "%04d.eml" % counter[0])
            with open(path + ".part", "wb") as f:
                f.write(b"".join(rcpt_line.encode() + b"\r\n" for rcpt_line in ["X-Envelope: " + r for r in rcpt]))
                if auth is not None:
                    f.write(("X-Test-Auth: " + auth + "\r\n").encode())
                f.write(b"".join(data))
            os.rename(path + ".part", path)
            rcpt = []
            say("250 OK: queued")
        elif verb == "QUIT":
            say("221 Bye")
            await writer.drain()
            break
        else:
            say("502 Command not implemented")
        await writer.drain()
    writer.close()

async def main():
    server = await asyncio.start_server(session, "127.0.0.1", PORT)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()

asyncio.run(main())
