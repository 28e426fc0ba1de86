#!/usr/bin/python3
"""A local SMTP sink for the tests (Debian's python3-aiosmtpd): listens on 127.0.0.1:PORT and
writes each message it receives, as received, to DIR/<n>.eml, with the envelope recipients in
DIR/<n>.rcpt. Prints "ready" once listening; runs until killed.
Usage: smtp_sink.py PORT DIR"""
import os
import signal
import sys
import time

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.folder, str(self.count))
        with open(base + ".rcpt", "w") as rcpt:
            rcpt.write("\n".join(envelope.rcpt_tos))
        with open(base + ".eml.part", "wb") as eml:
            eml.write(envelope.original_content or envelope.content)
        os.rename(base + ".eml.part", base + ".eml")
        return "250 OK"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Keep(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while True:
            time.sleep(1)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
