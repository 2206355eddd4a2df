#!/usr/bin/env python3
"""Loading large inputs: perimeter next to Python's own readers on the same files, in one run.

  rbac-50k    a `kubectl get -o json` List of 50,000 RBAC rules + 5,000 bindings: `perimeter rbac who-can`
              (load + index, one query) vs `json.load`
  rbac-200k   the same with 200,000 rules
  plan-200mb  a 200 MB `terraform show -json` plan of security groups and rules: `perimeter scan` vs `json.load`
  tf-50mb     a 50 MB .tf file of security-group rules: `perimeter debug parse` and `perimeter scan` (peer: none
              parses HCL in Python at this size in reasonable time; python-hcl2 is in bench.py)
  yaml-50k    the 50k-rule List as YAML: `perimeter rbac who-can` vs `yaml.load` with the C loader (CSafeLoader)

Wall time and peak memory (GNU time's maximum resident set size) for each, best of --repeat runs, and the
ratios. Inputs are generated into /tmp/perimeter-load (never committed), reused when present.

  bench/load.py [--perimeter .build/release/perimeter] [--repeat 3] [CASE...]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import rbac_bench  # noqa: E402  the RBAC generator is shared with the who-can benchmark

WORK = "/tmp/perimeter-load"
GNU_TIME = "/usr/bin/time"


def log(message):
    print(message, flush=True)


def measure(command):
    """(seconds, peak MiB, exit status) of one run."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".rss") as rss:
        wrapped = [GNU_TIME, "-f", "%M", "-o", rss.name] + command
        start = time.perf_counter()
        status = subprocess.run(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        elapsed = time.perf_counter() - start
        lines = rss.read().strip().splitlines()
    return elapsed, (int(lines[-1]) / 1024.0 if lines and lines[-1].isdigit() else float("nan")), status


def best(repeat, command):
    return min((measure(command) for _ in range(repeat)), key=lambda run: run[0])


def python_reader(kind, path):
    code = {
        "json": "import json,sys; json.load(open(sys.argv[1]))",
        "yaml": "import yaml,sys; yaml.load(open(sys.argv[1]), Loader=yaml.CSafeLoader)",
    }[kind]
    return [sys.executable, "-c", code, path]


def rbac_dump(rules, as_yaml=False):
    path = os.path.join(WORK, "rbac-%dk.%s" % (rules // 1000, "yaml" if as_yaml else "json"))
    if not os.path.exists(path):
        document = rbac_bench.generate(rules)
        with open(path, "w") as handle:
            if as_yaml:
                import yaml
                yaml.dump(document, handle, Dumper=yaml.CSafeDumper, default_flow_style=False)
            else:
                json.dump(document, handle, indent=4)  # as kubectl prints it
    return path


def plan_file(megabytes=200):
    """A plan shaped as `terraform show -json` writes it: planned_values, resource_changes and configuration."""
    path = os.path.join(WORK, "plan-%dmb.json" % megabytes)
    if os.path.exists(path):
        return path
    rng = random.Random(11)
    resources, changes, config = [], [], []
    size, index = 0, 0
    while size < megabytes * 1024 * 1024:
        group = "aws_security_group.g%d" % (index // 10)
        if index % 10 == 0:
            values = {"name": "g%d" % (index // 10), "description": "generated", "vpc_id": "vpc-0abc%05d" % (index % 50),
                      "tags": {"Name": "g%d" % (index // 10), "team": "t%d" % (index % 40)}, "revoke_rules_on_delete": False}
            address, kind, name = group, "aws_security_group", "g%d" % (index // 10)
        else:
            port = rng.choice([22, 80, 443, 8080, 9443, 10250, 10255, 30000 + index % 2000])
            values = {"type": "ingress", "protocol": "tcp", "from_port": port, "to_port": port,
                      "cidr_blocks": ["10.%d.%d.0/24" % (index % 256, (index // 256) % 256)], "ipv6_cidr_blocks": None,
                      "description": "rule %d generated for the load benchmark" % index, "self": False,
                      "prefix_list_ids": [], "source_security_group_id": None}
            address, kind, name = "aws_security_group_rule.r%d" % index, "aws_security_group_rule", "r%d" % index
        resources.append({"address": address, "mode": "managed", "type": kind, "name": name,
                          "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
                          "values": values, "sensitive_values": {}})
        unknown = {"id": True, "arn": True} if kind == "aws_security_group" else {"id": True, "security_group_id": True}
        changes.append({"address": address, "mode": "managed", "type": kind, "name": name,
                        "provider_name": "registry.terraform.io/hashicorp/aws",
                        "change": {"actions": ["create"], "before": None, "after": values, "after_unknown": unknown,
                                   "before_sensitive": False, "after_sensitive": {}}})
        expressions = {key: {"constant_value": value} for key, value in values.items() if value is not None}
        if kind == "aws_security_group_rule":
            expressions["security_group_id"] = {"references": [group + ".id", group]}
        config.append({"address": address, "mode": "managed", "type": kind, "name": name,
                       "provider_config_key": "aws", "expressions": expressions, "schema_version": 0})
        size += 1710
        index += 1
    document = {"format_version": "1.2", "terraform_version": "1.11.4",
                "planned_values": {"root_module": {"resources": resources}}, "resource_changes": changes,
                "configuration": {"provider_config": {"aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws"}},
                                  "root_module": {"resources": config}}}
    with open(path, "w") as handle:
        json.dump(document, handle)
    return path


def tf_file(megabytes=50):
    path = os.path.join(WORK, "tf-%dmb" % megabytes, "main.tf")
    if os.path.exists(path):
        return path
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as handle:
        size, index = 0, 0
        while size < megabytes * 1024 * 1024:
            if index % 10 == 0:
                block = ('resource "aws_security_group" "g%d" {\n  name        = "g%d"\n  description = "generated"\n'
                         '  vpc_id      = "vpc-0abc%05d"\n  tags = {\n    Name = "g%d"\n    team = "t%d"\n  }\n}\n\n'
                         % (index // 10, index // 10, index % 50, index // 10, index % 40))
            else:
                port = (22, 80, 443, 8080, 9443, 10250, 10255)[index % 7]
                block = ('resource "aws_security_group_rule" "r%d" {\n  type              = "ingress"\n'
                         '  security_group_id = aws_security_group.g%d.id\n  protocol          = "tcp"\n'
                         '  from_port         = %d\n  to_port           = %d\n  cidr_blocks       = ["10.%d.%d.0/24"]\n'
                         '  description       = "rule ${%d} generated for the load benchmark"\n}\n\n'
                         % (index, index // 10, port, port, index % 256, (index // 256) % 256, index))
            handle.write(block)
            size += len(block)
            index += 1
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", default=["rbac-50k", "rbac-200k", "plan-200mb", "tf-50mb", "yaml-50k"])
    parser.add_argument("--perimeter", default=os.path.join(ROOT, ".build", "release", "perimeter"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not os.path.exists(args.perimeter):
        log("no perimeter binary at %s: build it with `swift build -c release --product perimeter`" % args.perimeter)
        return 2
    os.makedirs(WORK, exist_ok=True)
    perimeter = args.perimeter
    who_can = ["rbac", "who-can", "get", "secrets", "--repeat", "1"]
    cases = {
        "rbac-50k": lambda: (rbac_dump(50000), lambda p: [perimeter] + who_can + [p], "json"),
        "rbac-200k": lambda: (rbac_dump(200000), lambda p: [perimeter] + who_can + [p], "json"),
        "yaml-50k": lambda: (rbac_dump(50000, as_yaml=True), lambda p: [perimeter] + who_can + [p], "yaml"),
        "plan-200mb": lambda: (plan_file(), lambda p: [perimeter, "scan", p, "--fail-on", "critical"], "json"),
        "tf-50mb": lambda: (tf_file(), lambda p: [perimeter, "debug", "parse", p], None),
    }
    log("| case | input | perimeter | peak | peer | peer time | peer peak | time ratio | peak / input |")
    log("|---|---|---|---|---|---|---|---|---|")
    for name in args.cases:
        path, command, peer = cases[name]()
        megabytes = os.path.getsize(path) / 1024 / 1024
        seconds, peak, status = best(args.repeat, command(path))
        note = "" if status in (0, 1) else " (exit %d)" % status
        if peer:
            peer_seconds, peer_peak, _ = best(args.repeat, python_reader(peer, path))
            peer_name = "json.load" if peer == "json" else "yaml CSafeLoader"
            log("| %s | %.1f MB | %.2f s%s | %.0f MiB | %s | %.2f s | %.0f MiB | %.1fx | %.1fx |" % (
                name, megabytes, seconds, note, peak, peer_name, peer_seconds, peer_peak, seconds / peer_seconds,
                peak / megabytes))
        else:
            log("| %s | %.1f MB | %.2f s%s | %.0f MiB | - | - | - | - | %.1fx |" % (
                name, megabytes, seconds, note, peak, peak / megabytes))
        if name == "tf-50mb":
            scan_seconds, scan_peak, scan_status = best(args.repeat, [perimeter, "scan", path, "--fail-on", "critical"])
            log("| tf-50mb scan | %.1f MB | %.2f s%s | %.0f MiB | - | - | - | - | %.1fx |" % (
                megabytes, scan_seconds, "" if scan_status in (0, 1) else " (exit %d)" % scan_status, scan_peak,
                scan_peak / megabytes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
