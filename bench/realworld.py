#!/usr/bin/env python3
"""perimeter on public Terraform nobody here wrote: every example and pattern, as a user would scan it.

For each corpus, each root module (a directory under examples/ or patterns/ with .tf files) is scanned
with `perimeter scan ROOT --format json`, after simulating `terraform init` from the local copies: a
`.terraform/modules/modules.json` maps each registry module call (`terraform-aws-modules/vpc/aws`,
`terraform-aws-modules/eks/aws//modules/karpenter`) to the copy of that repository in the corpus, the
way `terraform init` would have installed it. Calls whose repository is not in the corpus stay
uninstalled, and perimeter must say so. Printed per corpus: root modules, findings by rule, undecided
checks, input errors (any error is a defect unless the input is really wrong), time; and per root module
of terraform-aws-eks the node groups, launch templates and security groups in the snapshot.

The corpus lives in bench/corpus/realworld/ (ignored by git), one folder per repository, named as the
repository (terraform-aws-eks, terraform-aws-eks-blueprints, terraform-aws-eks-cluster,
terraform-google-kubernetes-engine, terraform-aws-vpc, ...). Missing repositories are reported and
skipped, never faked.

  bench/realworld.py [--perimeter PATH] [--json OUT] [--verbose]
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(HERE, "corpus", "realworld")
# Scans run on a fresh copy, so that the simulated `terraform init` never writes into the pristine copies.
WORK = os.path.join(HERE, "corpus", "realworld-work")
CORPORA = {
    "terraform-aws-eks": ["examples"],
    "terraform-aws-eks-blueprints": ["patterns"],
    "terraform-aws-eks-cluster": ["examples"],
    "terraform-google-kubernetes-engine": ["examples"],
}
# Registry namespaces whose repositories are named terraform-<provider>-<name>.
MODULE_BLOCK = re.compile(r'module\s+"([^"]+)"\s*\{(.*?)\n\}', re.S)
SOURCE = re.compile(r'^\s*source\s*=\s*"([^"]+)"', re.M)
VERSION = re.compile(r'^\s*version\s*=\s*"([^"]+)"', re.M)


def log(message):
    print(message, flush=True)


def registry_copy(source):
    """(the corpus copy of a registry source's repository, its //subdir), or None when not in the corpus."""
    address, _, subdir = source.partition("//")
    parts = address.split("/")
    if len(parts) == 4:
        parts = parts[1:]
    if len(parts) != 3 or source.startswith((".", "/")) or "::" in source or "github.com" in source:
        return None
    namespace, name, provider = parts
    directory = os.path.join(CORPUS, "terraform-%s-%s" % (provider, name))
    if not os.path.isdir(directory):
        return None
    # cloudposse/vpc/aws and terraform-aws-modules/vpc/aws are both terraform-aws-vpc: the owner decides.
    owner = repository_owner(directory)
    return (directory, subdir) if owner is None or owner.lower() == namespace.lower() else None


def repository_owner(directory):
    """The GitHub owner a corpus copy was cloned from (`origin` ends in owner/name or owner+name), or None."""
    try:
        url = subprocess.run(["git", "-C", directory, "remote", "get-url", "origin"], capture_output=True, text=True).stdout
    except OSError:
        return None
    match = re.search(r"([A-Za-z0-9_.-]+)[/+]terraform-[^/+]+?(?:\.git)?(?:/repo)?/?$", url.strip())
    return match.group(1) if match else None


def pinned_tag(repository, version):
    """The copy's tag for an exact `version = "2.9.0"` pin (v2.9.0 or 2.9.0), or None: a range or a
    missing tag installs the copy as it is."""
    if not version or not re.fullmatch(r"=?\s*\d+\.\d+\.\d+", version.strip()):
        return None
    number = version.strip().lstrip("=").strip()
    for tag in ("v" + number, number):
        if subprocess.run(["git", "-C", repository, "rev-parse", "-q", "--verify", "refs/tags/" + tag],
                          capture_output=True).returncode == 0:
            return tag
    return None


def install(root, key, copy, version=None):
    """Copies a repository under root/.terraform/modules/KEY, as `terraform init` does (inside the
    scanned tree, so nothing is read from outside it), at the pinned version when the copy has its tag;
    returns the module's directory."""
    repository, subdir = copy
    target = os.path.join(root, ".terraform", "modules", key)
    if not os.path.isdir(target):
        tag = pinned_tag(repository, version)
        if tag:
            os.makedirs(target)
            archive = subprocess.run(["git", "-C", repository, "archive", tag], capture_output=True, check=True).stdout
            subprocess.run(["tar", "-x", "-C", target], input=archive, check=True)
        else:
            subprocess.run(["cp", "-r", repository, target], check=True)
        subprocess.run(["rm", "-rf", os.path.join(target, ".terraform")], check=True)
    return os.path.join(target, subdir) if subdir else target


def module_calls(directory):
    """(name, source, version or None) of every module block in a directory's .tf files."""
    calls = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".tf"):
            continue
        with open(os.path.join(directory, name), encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        for match in MODULE_BLOCK.finditer(text):
            source = SOURCE.search(match.group(2))
            version = VERSION.search(match.group(2))
            if source:
                calls.append((match.group(1), source.group(1), version.group(1) if version else None))
    return calls


def simulate_init(root):
    """Writes .terraform/modules/modules.json for the registry calls of root and of what they call.
    Returns (installed, missing) source counts."""
    os.makedirs(os.path.join(root, ".terraform", "modules"), exist_ok=True)
    modules = [{"Key": "", "Source": "", "Dir": "."}]
    installed, missing = 0, set()
    pending = [("", root)]
    seen = set()
    while pending:
        prefix, directory = pending.pop()
        if (prefix, directory) in seen or prefix.count(".") > 6:
            continue
        seen.add((prefix, directory))
        for name, source, version in module_calls(directory):
            key = prefix + "." + name if prefix else name
            if source.startswith("."):
                child = os.path.normpath(os.path.join(directory, source.split("//")[0]))
                if os.path.isdir(child):
                    pending.append((key, child))
                continue
            copy = registry_copy(source)
            if copy is None:
                missing.add(source)
                continue
            installed += 1
            directory_of_module = install(root, key, copy, version)
            modules.append({"Key": key, "Source": source, "Dir": os.path.relpath(directory_of_module, root)})
            pending.append((key, directory_of_module))
    with open(os.path.join(root, ".terraform", "modules", "modules.json"), "w") as handle:
        json.dump({"Modules": modules}, handle, indent=1)
    return installed, sorted(missing)


def fresh_copy(corpus):
    target = os.path.join(WORK, corpus)
    subprocess.run(["rm", "-rf", target], check=True)
    os.makedirs(WORK, exist_ok=True)
    subprocess.run(["cp", "-r", os.path.join(CORPUS, corpus), target], check=True)
    # A clone has its .git: perimeter confines file reads and local module sources to the repository.
    subprocess.run(["git", "init", "-q", target], check=True)
    return target


def root_modules(corpus):
    roots = []
    for folder in CORPORA[corpus]:
        base = os.path.join(WORK, corpus, folder)
        if not os.path.isdir(base):
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            if any(name.endswith(".tf") for name in filenames):
                roots.append(dirpath)
                dirnames[:] = []
    return sorted(roots)


def scan(perimeter, root):
    start = time.perf_counter()
    process = subprocess.run([perimeter, "scan", root, "--format", "json", "--fail-on", "critical"],
                             capture_output=True, text=True, timeout=300)
    elapsed = time.perf_counter() - start
    try:
        report = json.loads(process.stdout)
    except ValueError:
        report = {"findings": [], "errors": [{"message": "no JSON output: " + process.stderr[-300:]}]}
    return report, process.returncode, elapsed


def snapshot_objects(perimeter, root):
    """Node groups, launch templates and security groups the evaluator produced for a root module."""
    process = subprocess.run([perimeter, "debug", "evaluate", root, "--list"], capture_output=True, text=True, timeout=300)
    wanted = collections.defaultdict(list)
    for line in process.stdout.splitlines():
        address = line.strip()
        for kind in ("aws_eks_node_group", "aws_launch_template", "aws_security_group", "aws_autoscaling_group",
                     "aws_eks_cluster"):
            if re.search(r"(^|\.)%s\." % kind, address):
                wanted[kind].append(address)
    return wanted


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--perimeter", default=os.path.join(ROOT, ".build", "release", "perimeter"))
    parser.add_argument("--json", help="write the per-root results here")
    parser.add_argument("--verbose", action="store_true", help="print every error and undecided entry")
    args = parser.parse_args()
    if not os.path.exists(args.perimeter):
        log("building perimeter (release)")
        subprocess.run(["swift", "build", "-c", "release", "--product", "perimeter"], cwd=ROOT, check=True)
    results = []
    for corpus in CORPORA:
        if not os.path.isdir(os.path.join(CORPUS, corpus)):
            log("MISSING %s: put a copy of the public repository in %s" % (corpus, os.path.join(CORPUS, corpus)))
            continue
        fresh_copy(corpus)
        roots = root_modules(corpus)
        rules, errors, elapsed, missing_sources = collections.Counter(), [], 0.0, set()
        undecided = collections.Counter()
        for root in roots:
            installed, missing = simulate_init(root)
            missing_sources.update(missing)
            report, status, seconds = scan(args.perimeter, root)
            elapsed += seconds
            rules.update(f["ruleId"] for f in report.get("findings", []))
            root_errors = [e for e in report.get("errors", []) if e.get("severity", "error") == "error"]
            errors += [(root, e) for e in root_errors]
            # Checks left undecided count by rule; module calls not read and skipped files by kind.
            undecided.update(u.get("ruleId") or u.get("kind", "?") for u in report.get("undecided", []))
            entry = {"corpus": corpus, "root": os.path.relpath(root, WORK), "findings": len(report.get("findings", [])),
                     "errors": len(root_errors), "undecided": len(report.get("undecided", [])), "seconds": round(seconds, 3),
                     "installedModules": installed, "missingModules": missing}
            if corpus == "terraform-aws-eks":
                entry["objects"] = snapshot_objects(args.perimeter, root)
            results.append(entry)
            if args.verbose:
                for e in root_errors:
                    log("  error %s: %s" % (os.path.relpath(root, WORK), e))
                for u in report.get("undecided", []):
                    log("  undecided %s: %s" % (os.path.relpath(root, WORK), u))
        log("\n== %s: %d root modules, %.2f s" % (corpus, len(roots), elapsed))
        log("findings by rule: %s" % (", ".join("%s %d" % kv for kv in sorted(rules.items())) or "none"))
        log("undecided: %d (%s); input errors: %d" % (
            sum(undecided.values()), ", ".join("%s %d" % kv for kv in sorted(undecided.items())) or "none", len(errors)))
        for root, error in errors[:10]:
            log("  ERROR %s: %s" % (os.path.relpath(root, WORK), error.get("message")))
        if missing_sources:
            log("module sources not in the corpus (stay uninstalled): %s" % ", ".join(sorted(missing_sources)[:12]))
    for entry in results:
        if "objects" in entry:
            counts = ", ".join("%s %d" % (k, len(v)) for k, v in sorted(entry["objects"].items()))
            log("%s: %s" % (entry["root"], counts or "no node groups, launch templates or security groups"))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(results, handle, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
