#!/usr/bin/env python3
"""Loopback servers for perimeter's live-AWS tests. Each mode prints `PORT <n>` once it listens,
then runs until its standard input closes (the test process ended), so nothing outlives the tests.

  moto                 start moto_server on 127.0.0.1:<free port>, wait until it answers
  proxy UPSTREAM [--deny ACTION]... [--throttle ACTION:N:STATUS]...
                       forward to UPSTREAM; answer AccessDenied for a denied action, and a throttling
                       error (STATUS 503, or 400 RequestLimitExceeded / ThrottlingException) the first N
                       times an action is called. GET /__counts gives the calls seen per action as JSON,
                       and `__max_in_flight`, the most requests it ever held at once.
  silent               accept connections and never answer
  misbehave HOW [N]    answer every request badly, HOW being
                         trickle N    200 with a body of N bytes sent one byte every 50 ms
                         huge N       200 with a body of N bytes, fast, with no Content-Length (ends at close)
                         stall        200 headers announcing 1000 bytes, then nothing
  enable-auth URL      (not a server) turn on moto's signature checking with a fresh IAM user;
                       prints {"AccessKeyId", "SecretAccessKey"}
"""

import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def announce_and_wait(port: int, on_exit=None) -> None:
    print(f"PORT {port}", flush=True)
    sys.stdin.read()
    if on_exit:
        on_exit()
    os._exit(0)


def run_moto() -> None:
    port = free_port()
    child = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/moto-api/", timeout=1).read()
            break
        except Exception:  # noqa: BLE001 - not up yet
            if time.monotonic() > deadline or child.poll() is not None:
                sys.exit("moto_server did not start")
            time.sleep(0.05)

    def stop():
        child.terminate()
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:
            child.kill()
    announce_and_wait(port, stop)


def action_of(method: str, path: str, body: bytes) -> str:
    if method == "POST" and body:
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        if "Action" in form:
            return form["Action"][0]
    parts = [p for p in urllib.parse.urlsplit(path).path.split("/") if p]
    if parts[:1] == ["clusters"] and method == "GET":
        if len(parts) <= 2:
            return "ListClusters" if len(parts) == 1 else "DescribeCluster"
        kind = {"node-groups": ("ListNodegroups", "DescribeNodegroup"),
                "access-entries": ("ListAccessEntries", "DescribeAccessEntry")}.get(parts[2], ("EKS-GET", "EKS-GET"))
        if len(parts) == 5 and parts[4] == "access-policies":
            return "ListAssociatedAccessPolicies"
        return kind[0] if len(parts) == 3 else kind[1]
    return method + " " + path


def run_proxy(args: list) -> None:
    upstream = args[0].rstrip("/")
    deny, throttle = set(), {}
    i = 1
    while i < len(args):
        if args[i] == "--deny":
            deny.add(args[i + 1])
        elif args[i] == "--throttle":
            name, count, status = args[i + 1].split(":")
            throttle[name] = [int(count), status]
        i += 2
    counts = {}
    in_flight = [0, 0]  # now, most ever
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):
            pass

        def reply(self, status: int, body: bytes, content_type: str = "text/xml", extra=None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if self.path == "/__counts":
                with lock:
                    return self.reply(200, json.dumps({**counts, "__max_in_flight": in_flight[1]}).encode(), "application/json")
            with lock:
                in_flight[0] += 1
                in_flight[1] = max(in_flight[1], in_flight[0])
            try:
                self.answer(body)
            finally:
                with lock:
                    in_flight[0] -= 1

        def answer(self, body: bytes):
            action = action_of(self.command, self.path, body)
            with lock:
                counts[action] = counts.get(action, 0) + 1
                pending = throttle.get(action)
                throttled = pending is not None and pending[0] > 0
                if throttled:
                    pending[0] -= 1
            if action in deny:
                xml = ("<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized "
                       f"to perform this operation: {action}</Message></Error></Errors><RequestID>t</RequestID></Response>")
                return self.reply(403, xml.encode())
            if throttled:
                status = pending[1]
                if status == "503":
                    return self.reply(503, b"<Response><Errors><Error><Code>ServiceUnavailable</Code>"
                                           b"<Message>slow down</Message></Error></Errors></Response>")
                return self.reply(400, (f"<Response><Errors><Error><Code>{status}</Code><Message>Rate exceeded"
                                        "</Message></Error></Errors></Response>").encode())
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection")}
            request = urllib.request.Request(upstream + self.path, data=body if self.command != "GET" else None,
                                             method=self.command, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=60) as answer:
                    status, data, ctype, amzn = answer.status, answer.read(), answer.headers.get("Content-Type"), answer.headers.get("X-Amzn-ErrorType")
            except urllib.error.HTTPError as error:
                status, data, ctype, amzn = error.code, error.read(), error.headers.get("Content-Type"), error.headers.get("X-Amzn-ErrorType")
            self.reply(status, data, ctype or "text/xml", {"X-Amzn-ErrorType": amzn} if amzn else None)

        do_GET = do_POST = do_PUT = do_DELETE = handle_any

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    announce_and_wait(server.server_address[1], server.shutdown)


def run_silent() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held = []

    def accept():
        while True:
            conn, _ = listener.accept()
            held.append(conn)  # keep it open, say nothing
    threading.Thread(target=accept, daemon=True).start()
    announce_and_wait(listener.getsockname()[1])


def run_misbehave(how: str, size: int) -> None:
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)

    def serve(conn):
        try:
            conn.settimeout(30)
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                request += chunk
            head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            if how == "trickle":
                conn.sendall((head + f"Content-Length: {size}\r\n\r\n").encode())
                for _ in range(size):
                    conn.sendall(b" ")
                    time.sleep(0.05)
            elif how == "huge":
                conn.sendall((head + "Connection: close\r\n\r\n").encode())
                block = b" " * 65536
                sent = 0
                while sent < size:
                    conn.sendall(block)
                    sent += len(block)
            elif how == "stall":
                conn.sendall((head + "Content-Length: 1000\r\n\r\n").encode())
                time.sleep(120)
        except OSError:
            pass  # the client gave up, as it should
        finally:
            conn.close()

    def accept():
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()
    threading.Thread(target=accept, daemon=True).start()
    announce_and_wait(listener.getsockname()[1])


def enable_auth(url: str) -> None:
    import boto3
    iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1",
                       aws_access_key_id="AKIAPERIMETERFIXTURE", aws_secret_access_key="setup")
    iam.create_user(UserName="perimeter-reader")
    iam.put_user_policy(UserName="perimeter-reader", PolicyName="read", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    key = iam.create_access_key(UserName="perimeter-reader")["AccessKey"]
    request = urllib.request.Request(url + "/moto-api/reset-auth", data=b"0", method="POST",
                                     headers={"Content-Type": "text/plain"})
    urllib.request.urlopen(request, timeout=10).read()
    print(json.dumps({"AccessKeyId": key["AccessKeyId"], "SecretAccessKey": key["SecretAccessKey"]}))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "moto":
        run_moto()
    elif mode == "proxy":
        run_proxy(sys.argv[2:])
    elif mode == "silent":
        run_silent()
    elif mode == "misbehave":
        run_misbehave(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    elif mode == "enable-auth":
        enable_auth(sys.argv[2])
    else:
        sys.exit(f"unknown mode {mode}")
