#!/usr/bin/env python3
"""Who-can on a generated RBAC set of 50k rules: generate, then time queries after indexing.

    python3 bench/rbac_bench.py [--rules 50000] [--binary .build/release/perimeter] [--repeat 200]

Writes the set as a `kubectl get -o json` List dump (default /tmp/perimeter-rbac-bench.json) and runs
`perimeter rbac who-can VERB RESOURCE --repeat N`, which prints load+index time and the mean time
per query over N queries (the answer is computed N times on the already-built index).
"""
import argparse
import json
import os
import random
import subprocess
import sys
import time

VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]
CORE = ["pods", "services", "configmaps", "secrets", "serviceaccounts", "endpoints", "events", "persistentvolumeclaims",
        "pods/exec", "pods/log", "pods/portforward", "nodes", "nodes/proxy", "namespaces"]
GROUPS = {"": CORE, "apps": ["deployments", "daemonsets", "statefulsets", "replicasets", "deployments/scale"],
          "batch": ["jobs", "cronjobs"], "rbac.authorization.k8s.io": ["roles", "rolebindings", "clusterroles", "clusterrolebindings"]}
for index in range(150):  # CRDs, as clusters with many operators have (rbac-tool #78)
    GROUPS[f"crd{index}.example.com"] = [f"widgets{index}", f"gadgets{index}", f"widgets{index}/status"]


def generate(rules, seed=7):
    rng = random.Random(seed)
    items = []
    roles = []
    rules_per_role = 10
    groups = list(GROUPS)
    for index in range(rules // rules_per_role):
        namespaced = index % 3 == 0
        namespace = f"team-{index % 200}"
        role_rules = []
        for _ in range(rules_per_role):
            roll = rng.random()
            if roll < 0.002:
                role_rules.append({"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]})
            elif roll < 0.01:
                role_rules.append({"nonResourceURLs": [f"/metrics{rng.randrange(9)}/*"], "verbs": ["get"]})
            else:
                group = rng.choice(groups)
                resources = rng.sample(GROUPS[group], k=min(len(GROUPS[group]), rng.randint(1, 3)))
                rule = {"apiGroups": [group], "resources": resources, "verbs": rng.sample(VERBS, k=rng.randint(1, 4))}
                if rng.random() < 0.05:
                    rule["resourceNames"] = [f"name-{rng.randrange(50)}"]
                role_rules.append(rule)
        meta = {"name": f"role-{index}"}
        if namespaced:
            meta["namespace"] = namespace
        items.append({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role" if namespaced else "ClusterRole",
                      "metadata": meta, "rules": role_rules})
        roles.append((namespaced, namespace, f"role-{index}"))
    for index, (namespaced, namespace, name) in enumerate(roles):
        subjects = [{"kind": "ServiceAccount", "name": f"sa-{index}", "namespace": namespace},
                    {"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": f"group-{index % 97}"},
                    {"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": f"user-{index % 501}"}]
        if namespaced or index % 2 == 0:
            kind, meta = "RoleBinding", {"name": f"binding-{index}", "namespace": namespace}
        else:
            kind, meta = "ClusterRoleBinding", {"name": f"binding-{index}"}
        items.append({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": meta,
                      "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role" if namespaced else "ClusterRole",
                                  "name": name},
                      "subjects": subjects})
    return {"apiVersion": "v1", "kind": "List", "items": items}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rules", type=int, default=50000)
    parser.add_argument("--output", default="/tmp/perimeter-rbac-bench.json")
    parser.add_argument("--binary", default=None, help="perimeter binary (default: .build/release, else .build/debug)")
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = args.binary or next((path for path in (os.path.join(root, ".build/release/perimeter"), os.path.join(root, ".build/debug/perimeter"))
                                  if os.path.exists(path)), None)
    if binary is None:
        sys.exit("build perimeter first: swift build -c release --product perimeter")
    document = generate(args.rules)
    with open(args.output, "w") as handle:
        json.dump(document, handle, indent=1)
    rule_count = sum(len(item.get("rules", [])) for item in document["items"])
    print(f"{args.output}: {rule_count} rules in {len(document['items'])} objects ({os.path.getsize(args.output) >> 20} MiB); binary {binary}")
    queries = [["create", "pods"], ["create", "pods", "-n", "team-7"], ["get", "nodes/proxy"], ["get", "secrets", "-n", "team-3"],
               ["escalate", "clusterroles"], ["list", "widgets42.crd42.example.com"], ["get", "/metrics3/cadvisor"], ["*", "*"]]
    for query in queries:
        started = time.time()
        result = subprocess.run([binary, "rbac", "who-can", *query, args.output, "--repeat", str(args.repeat), "--format", "json"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"who-can {' '.join(query)} failed: {result.stderr}")
        subjects = len(json.loads(result.stdout)["subjects"])
        print(f"who-can {' '.join(query):40s} {subjects:6d} subjects  {result.stderr.strip()}  (process {time.time() - started:.1f} s)")


if __name__ == "__main__":
    main()
