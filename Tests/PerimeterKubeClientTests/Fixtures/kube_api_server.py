#!/usr/bin/env python3
"""A loopback Kubernetes API server for perimeter's live-mode tests.

It serves real recorded objects (YAML files under --data, e.g. the upstream bootstrap RBAC policy) as the
API server's List responses: items without kind/apiVersion, paginated with limit/continue. Every request
must authenticate with the bearer token (--token) or a client certificate signed by --client-ca.
Each request is appended to --log as "PATH?QUERY auth=token|cert".
"""
import argparse
import base64
import json
import os
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import yaml

PATHS = {
    "ClusterRole": "/apis/rbac.authorization.k8s.io/v1/clusterroles",
    "ClusterRoleBinding": "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
    "Role": "/apis/rbac.authorization.k8s.io/v1/roles",
    "RoleBinding": "/apis/rbac.authorization.k8s.io/v1/rolebindings",
    "ServiceAccount": "/api/v1/serviceaccounts",
    "Pod": "/api/v1/pods",
    "Deployment": "/apis/apps/v1/deployments",
    "DaemonSet": "/apis/apps/v1/daemonsets",
    "StatefulSet": "/apis/apps/v1/statefulsets",
    "CronJob": "/apis/batch/v1/cronjobs",
    "ConfigMap": "/api/v1/namespaces/kube-system/configmaps",
    "APIService": "/apis/apiregistration.k8s.io/v1/apiservices",
    "ValidatingWebhookConfiguration": "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations",
    "MutatingWebhookConfiguration": "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations",
}


def load_objects(files):
    by_path = {path: [] for path in PATHS.values()}
    versions = {}
    for name in files:
        with open(name) as handle:
            for document in yaml.safe_load_all(handle):
                if not isinstance(document, dict):
                    continue
                items = document["items"] if str(document.get("kind", "")).endswith("List") else [document]
                for item in items:
                    path = PATHS.get(item.get("kind"))
                    if path is None:
                        continue
                    versions[path] = item["apiVersion"]
                    item = dict(item)
                    kind = item.pop("kind")
                    item.pop("apiVersion")
                    item["metadata"] = dict(item.get("metadata") or {})
                    item["metadata"].pop("creationTimestamp", None)
                    if kind == "ConfigMap":
                        item["metadata"].setdefault("namespace", "kube-system")
                    by_path[path].append((kind, item))
    return by_path, versions


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--client-ca", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("data", nargs="+")
    args = parser.parse_args()
    objects, versions = load_objects(args.data)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_):
            pass

        def setup(self):
            try:
                self.request.do_handshake()
            except (ssl.SSLError, OSError):
                self.request.close()
                raise
            super().setup()

        def handle(self):
            try:
                super().handle()
            except (ssl.SSLError, ConnectionError):
                pass

        def send_json(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urlparse(self.path)
            query = parse_qs(url.query)
            auth = None
            if self.headers.get("Authorization") == "Bearer " + args.token:
                auth = "token"
            elif self.connection.getpeercert():
                auth = "cert"
            with lock, open(args.log, "a") as log:
                log.write(f"{self.path} auth={auth}\n")
            if auth is None:
                return self.send_json(401, {"kind": "Status", "apiVersion": "v1", "status": "Failure",
                                            "reason": "Unauthorized", "code": 401})
            if url.path not in objects:
                return self.send_json(404, {"kind": "Status", "apiVersion": "v1", "status": "Failure",
                                            "reason": "NotFound", "code": 404})
            items = objects[url.path]
            selector = query.get("fieldSelector", [""])[0]
            if selector.startswith("metadata.name="):
                wanted = selector.split("=", 1)[1]
                items = [entry for entry in items if entry[1]["metadata"].get("name") == wanted]
            start = int(base64.b64decode(query["continue"][0]).decode()) if "continue" in query else 0
            limit = int(query.get("limit", ["0"])[0]) or len(items) or 1
            page = items[start:start + limit]
            metadata = {"resourceVersion": "4242"}
            if start + limit < len(items):
                metadata["continue"] = base64.b64encode(str(start + limit).encode()).decode()
            kind = (page[0][0] if page else "Object") + "List"
            self.send_json(200, {"kind": kind, "apiVersion": versions.get(url.path, "v1"), "metadata": metadata,
                                 "items": [item for _, item in page]})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    # A client that refuses our certificate is part of the tests, not an error worth a traceback.
    server.handle_error = lambda request, client_address: None
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    context.load_verify_locations(args.client_ca)
    context.verify_mode = ssl.CERT_OPTIONAL
    # The handshake happens in the request's thread, so a slow or failing client never blocks accept().
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    parent = os.getppid()

    def watch_parent():
        # Exit with the test process that started us, even if it dies without stopping us.
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch_parent, daemon=True).start()
    with open(args.port_file + ".tmp", "w") as handle:
        handle.write(str(server.server_address[1]))
    os.rename(args.port_file + ".tmp", args.port_file)
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
