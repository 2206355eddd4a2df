#!/usr/bin/env python3
"""Loopback servers for perimeter's module-fetch tests. Each mode prints `PORT <n>` once it listens on
127.0.0.1, then runs until its standard input closes (the test process ended), so nothing outlives the tests.

  registry ROOT   a module registry: service discovery, version lists and downloads for every
                  ROOT/<namespace>/<name>/<provider>/<version>.tar.gz (204 with a relative X-Terraform-Get,
                  or the text of <version>.location with {origin} replaced); GET /files/<path> serves
                  ROOT/files/<path> (HTTP archives; 503 while ROOT/files/<path>.fail counts down;
                  the X-Terraform-Get in ROOT/files/<path>.x-terraform-get); GET /__counts gives the requests seen per path kind
  silent          accept connections and never answer
"""

import http.server
import json
import os
import socket
import sys
import threading
import urllib.parse

COUNTS = {}
LOCK = threading.Lock()


def count(kind: str) -> None:
    with LOCK:
        COUNTS[kind] = COUNTS.get(kind, 0) + 1


def announce_and_wait(port: int) -> None:
    print(f"PORT {port}", flush=True)
    sys.stdin.read()
    os._exit(0)


def registry(root: str) -> None:
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet: the test output is the report
            pass

        def send(self, status: int, body: bytes = b"", headers=None, content_type="application/json"):
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if status != 204:
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 204:
                self.wfile.write(body)

        def do_GET(self):  # noqa: N802 - http.server's name
            path = urllib.parse.urlparse(self.path).path
            origin = f"http://127.0.0.1:{self.server.server_address[1]}"
            parts = [p for p in path.split("/") if p]
            if path == "/__counts":
                with LOCK:
                    return self.send(200, json.dumps(COUNTS).encode())
            if path == "/.well-known/terraform.json":
                count("discovery")
                return self.send(200, json.dumps({"modules.v1": "/v1/modules/"}).encode())
            if parts[:2] == ["v1", "modules"] and len(parts) == 6 and parts[5] == "versions":
                count("versions")
                directory = os.path.join(root, *parts[2:5])
                if not os.path.isdir(directory):
                    return self.send(404, b'{"errors":["Not Found"]}')
                versions = sorted({name.rsplit(".", 2)[0] if name.endswith(".tar.gz") else name.rsplit(".", 1)[0]
                                   for name in os.listdir(directory)})
                body = {"modules": [{"source": "/".join(parts[2:5]), "versions": [{"version": v} for v in versions]}]}
                return self.send(200, json.dumps(body).encode())
            if parts[:2] == ["v1", "modules"] and len(parts) == 7 and parts[6] == "download":
                count("download")
                directory = os.path.join(root, *parts[2:5])
                location_file = os.path.join(directory, parts[5] + ".location")
                if os.path.exists(location_file):
                    with open(location_file) as f:
                        location = f.read().strip().replace("{origin}", origin)
                elif os.path.exists(os.path.join(directory, parts[5] + ".tar.gz")):
                    location = "/archives/" + "/".join(parts[2:5]) + "/" + parts[5] + ".tar.gz"
                else:
                    return self.send(404, b'{"errors":["Not Found"]}')
                return self.send(204, headers={"X-Terraform-Get": location})
            if parts[:1] == ["archives"] or parts[:1] == ["files"]:
                count(parts[0])
                failures = os.path.join(root, "files", *parts[1:]) + ".fail"
                if parts[0] == "files" and os.path.exists(failures):
                    # <file>.fail holds how many more requests answer 503 before the file is served.
                    with LOCK:
                        with open(failures) as f:
                            left = int(f.read().strip() or 0)
                        if left > 0:
                            with open(failures, "w") as f:
                                f.write(str(left - 1))
                    if left > 0:
                        return self.send(503, b"try again", content_type="text/plain")
                redirect = os.path.join(root, "files", *parts[1:]) + ".x-terraform-get"
                if parts[0] == "files" and os.path.exists(redirect):
                    # A plain URL that says where the module is, as go-getter's HTTP getter expects.
                    query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
                    if query.get("terraform-get") != ["1"]:
                        return self.send(400, b"terraform-get=1 missing", content_type="text/plain")
                    with open(redirect) as f:
                        location = f.read().strip().replace("{origin}", origin)
                    return self.send(200, b"", headers={"X-Terraform-Get": location}, content_type="text/plain")
                relative = parts[1:] if parts[0] == "archives" else ["files"] + parts[1:]
                file = os.path.realpath(os.path.join(root, *relative))
                if not file.startswith(os.path.realpath(root) + os.sep) or not os.path.isfile(file):
                    return self.send(404, b"not found", content_type="text/plain")
                with open(file, "rb") as f:
                    return self.send(200, f.read(), content_type="application/octet-stream")
            count("other")
            return self.send(404, b"not found", content_type="text/plain")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    announce_and_wait(server.server_address[1])


def silent() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held = []

    def accept():
        while True:
            connection, _ = listener.accept()
            held.append(connection)  # never read, never answered, never closed

    threading.Thread(target=accept, daemon=True).start()
    announce_and_wait(listener.getsockname()[1])


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "registry" and len(sys.argv) == 3:
        registry(sys.argv[2])
    elif mode == "silent":
        silent()
    else:
        sys.exit(__doc__)
