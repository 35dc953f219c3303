#!/usr/bin/env python3
"""A tiny SMTP sink for `make run`: accepts every message and writes it to a folder as .eml."""
import os
import socketserver
import sys
import time

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 2525
OUT = sys.argv[2] if len(sys.argv) > 2 else ".data/mail"
os.makedirs(OUT, exist_ok=True)


class Handler(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        self.reply("220 localhost SMTP sink")
        data, in_data = [], False
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if in_data:
                if line == ".":
                    name = os.path.join(OUT, "%d-%d.eml" % (time.time_ns(), os.getpid()))
                    with open(name, "w", encoding="utf-8") as f:
                        f.write("\n".join(data))
                    data, in_data = [], False
                    self.reply("250 OK stored")
                else:
                    data.append(line[1:] if line.startswith("..") else line)
                continue
            cmd = line[:4].upper()
            if cmd in ("HELO", "EHLO"):
                self.reply("250 localhost")
            elif cmd == "DATA":
                in_data = True
                self.reply("354 end with .")
            elif cmd == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 OK")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    with Server(("127.0.0.1", PORT), Handler) as server:
        server.serve_forever()
