#!/usr/bin/env python3
"""perimeter's benchmarks, next to its peers on the same inputs, in one run.

  parse   perimeter (parse, and parse + evaluate) vs python-hcl2 parsing the same .tf files
  scan    `perimeter scan` vs Checkov on the same corpus: wall time, peak memory, and which of our
          findings Checkov also reports
  compare the findings comparison again from the last run's Checkov output (no Checkov run)

The corpus lives in bench/corpus/ (ignored by git):
  bench/corpus/terraform-aws-eks, terraform-aws-vpc, terraform-aws-security-group  copies of those public modules
  bench/corpus/generated                                                          200 stacks from generate_corpus.py
Missing pieces are reported and skipped, never faked. Peers install into bench/.venv from PyPI.
"""
import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(HERE, "corpus")
VENV = os.path.join(HERE, ".venv")
PUBLIC_MODULES = ["terraform-aws-eks", "terraform-aws-vpc", "terraform-aws-security-group"]


def log(message):
    print(message, flush=True)


GNU_TIME = "/usr/bin/time"


def run(command, cwd=None, env=None):
    """Runs a command; returns (seconds, peak RSS in MiB, exit code, stdout).

    The peak comes from GNU time (Debian package `time`): a child forked by this script inherits this
    script's own peak in its rusage, which would put a floor of this process's size under every number."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".rss") as rss:
        wrapped = [GNU_TIME, "-f", "%M", "-o", rss.name] + command if os.path.exists(GNU_TIME) else command
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        text = rss.read().strip().splitlines()
        peak_kib = int(text[-1]) if text and text[-1].isdigit() else usage.ru_maxrss
    return elapsed, peak_kib / 1024.0, os.waitstatus_to_exitcode(status), output


def best_of(count, command, **kwargs):
    runs = [run(command, **kwargs) for _ in range(count)]
    return min(runs, key=lambda r: r[0])


def ensure_venv():
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        log("creating bench/.venv with python-hcl2 and checkov from PyPI ...")
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
        subprocess.check_call([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                               "python-hcl2", "checkov"])
    return python


def build_perimeter():
    log("building perimeter (release) ...")
    subprocess.check_call(["swift", "build", "-c", "release", "--product", "perimeter"], cwd=ROOT,
                          stdout=subprocess.DEVNULL)
    path = subprocess.check_output(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, text=True).strip()
    return os.path.join(path, "perimeter")


def corpus_parts():
    parts = []
    for name in PUBLIC_MODULES + ["generated"]:
        path = os.path.join(CORPUS, name)
        if os.path.isdir(path):
            parts.append(path)
        elif name == "generated":
            log("bench/corpus/generated is missing: generating 200 stacks")
            subprocess.check_call([sys.executable, os.path.join(HERE, "generate_corpus.py")])
            parts.append(path)
        else:
            log(f"SKIPPED {name}: bench/corpus/{name} is missing (export a copy of the public repository there)")
    return parts


def tf_files(paths):
    files = []
    for base in paths:
        for directory, subdirs, names in os.walk(base):
            subdirs[:] = [d for d in subdirs if not d.startswith(".")]
            files += [os.path.join(directory, n) for n in names if n.endswith(".tf")]
    return sorted(files)


HCL2_SCRIPT = """
import sys, hcl2
files = sys.argv[1:]
errors = 0
for path in files:
    with open(path) as handle:
        try:
            hcl2.load(handle)
        except Exception:
            errors += 1
print(len(files), errors)
"""


def bench_parse(perimeter, python, parts, repeat):
    files = tf_files(parts)
    size = sum(os.path.getsize(f) for f in files)
    log(f"\n== parse: {len(files)} .tf files, {size / 1e6:.1f} MB")
    listing = os.path.join(HERE, "results", "files.txt")
    with open(listing, "w") as handle:
        handle.write("\n".join(files))
    ours = best_of(repeat, [perimeter, "debug", "parse", "--files-from", listing])
    ours_eval = best_of(repeat, [perimeter, "debug", "evaluate"] + parts)
    theirs = best_of(1, [python, "-c", HCL2_SCRIPT] + files)
    log(f"perimeter parse:            {ours[0]:8.3f} s  {ours[1]:7.1f} MiB   {ours[3].decode().strip()}")
    log(f"perimeter parse + evaluate: {ours_eval[0]:8.3f} s  {ours_eval[1]:7.1f} MiB   {ours_eval[3].decode().strip()}")
    log(f"python-hcl2 parse:          {theirs[0]:8.3f} s  {theirs[1]:7.1f} MiB   files, errors = {theirs[3].decode().strip()}")
    log(f"ratio (python-hcl2 / perimeter parse): {theirs[0] / ours[0]:.1f}x; "
        f"(python-hcl2 / perimeter parse+evaluate): {theirs[0] / ours_eval[0]:.1f}x")
    return {"files": len(files), "bytes": size, "perimeter_parse_s": ours[0], "perimeter_evaluate_s": ours_eval[0],
            "python_hcl2_s": theirs[0]}


def bench_scan(perimeter, python, parts, repeat):
    log(f"\n== scan: perimeter vs checkov on {', '.join(os.path.basename(p) for p in parts)}")
    checkov = os.path.join(os.path.dirname(python), "checkov")
    results = {}
    for part in parts:
        ours = best_of(repeat, [perimeter, "scan", part, "--format", "json", "--fail-on", "never"])
        theirs = best_of(1, [checkov, "-d", part, "--framework", "terraform", "--quiet", "--compact", "-o", "json",
                             "--skip-download"], env=dict(os.environ, CHECKOV_RUN_SCA_PACKAGE_SCAN_V2="false"))
        name = os.path.basename(part)
        findings = len(json.loads(ours[3] or b"{}").get("findings", [])) if ours[3] else 0
        log(f"{name:32s} perimeter {ours[0]:7.3f} s {ours[1]:7.1f} MiB ({findings} findings) | "
            f"checkov {theirs[0]:7.2f} s {theirs[1]:7.1f} MiB | {theirs[0] / ours[0]:6.1f}x faster, "
            f"{theirs[1] / max(ours[1], 0.1):.1f}x less memory")
        results[name] = {"perimeter_s": ours[0], "perimeter_mib": ours[1], "checkov_s": theirs[0],
                         "checkov_mib": theirs[1], "perimeter_findings": findings,
                         "perimeter_output": ours[3].decode(errors="replace"),
                         "checkov_output": theirs[3].decode(errors="replace")}
    total_ours = sum(r["perimeter_s"] for r in results.values())
    total_theirs = sum(r["checkov_s"] for r in results.values())
    peak_ours = max(r["perimeter_mib"] for r in results.values())
    peak_theirs = max(r["checkov_mib"] for r in results.values())
    log(f"{'all':32s} perimeter {total_ours:7.3f} s {peak_ours:7.1f} MiB peak | checkov {total_theirs:7.2f} s "
        f"{peak_theirs:7.1f} MiB peak | {total_theirs / total_ours:6.1f}x faster, {peak_theirs / peak_ours:.1f}x less memory")
    compare_findings(results)
    return results


# The Checkov checks that speak to the same concern as ours, if any (see shared/reference/peers.md).
CHECKOV_EQUIVALENTS = {
    "NET-001": ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "CKV_AWS_277"],
    "NET-002": ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "CKV_AWS_277"],
    "NET-003": ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "CKV_AWS_277"],
    "NET-004": [],
    "NET-005": [],
    "NET-010": ["CKV_AWS_39"],
    "NET-011": ["CKV_AWS_38", "CKV_AWS_39"],
    "NET-012": [],
    "NET-013": ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "CKV_AWS_277"],
    "NET-014": [],
    "NET-015": [],
    "NET-016": [],
    "NODE-001": ["CKV_AWS_79"],
}


def resource_key(address):
    """`module.eks.aws_x.y["k"]` -> `aws_x.y`: Checkov names resources inside modules without the call path."""
    address = re.sub(r'\[[^\]]*\]', "", address)
    parts = address.split(".")
    return ".".join(parts[-2:])


def checkov_failures(output):
    try:
        document = json.loads(output)
    except ValueError:
        return []
    reports = document if isinstance(document, list) else [document]
    failed = []
    for report in reports:
        failed += report.get("results", {}).get("failed_checks", [])
    return failed


def compare_findings(results):
    """For each of our findings: does Checkov fail an equivalent check on the same resource?"""
    caught, missed = {}, {}
    for name, result in results.items():
        try:
            ours = json.loads(result["perimeter_output"]).get("findings", [])
        except ValueError:
            continue
        # The same resource in the same file (both as absolute paths; perimeter ran in this process's directory).
        failures = {(f.get("check_id"), resource_key(f.get("resource", "")), f.get("file_abs_path", ""))
                    for f in checkov_failures(result["checkov_output"])}
        for finding in ours:
            rule = finding["ruleId"]
            file = (finding.get("location") or {}).get("file", "")
            key = (resource_key(finding["resource"]), os.path.abspath(file))
            hit = any((check,) + key in failures for check in CHECKOV_EQUIVALENTS.get(rule, []))
            (caught if hit else missed)[rule] = (caught if hit else missed).get(rule, 0) + 1
    log("\n== findings: ours that Checkov also reports (an equivalent check failing on the same resource)")
    for rule in sorted(set(caught) | set(missed)):
        log(f"{rule:9s} ours {caught.get(rule, 0) + missed.get(rule, 0):5d}   Checkov also {caught.get(rule, 0):5d}   "
            f"Checkov misses {missed.get(rule, 0):5d}   (equivalents: {', '.join(CHECKOV_EQUIVALENTS.get(rule, [])) or 'none'})")


def recompare(perimeter, parts):
    """Compares findings again from the last run's Checkov output, without running Checkov (minutes) again."""
    with open(os.path.join(HERE, "results", "latest.json")) as handle:
        previous = json.load(handle).get("scan", {})
    for part in parts:
        name = os.path.basename(part)
        if name in previous:
            previous[name]["perimeter_output"] = run([perimeter, "scan", part, "--format", "json", "--fail-on", "never"])[3].decode()
    compare_findings(previous)
    return previous


def main():
    if not os.path.exists(GNU_TIME):
        log(f"{GNU_TIME} is missing (apt-get install time): peak memory falls back to rusage, which counts this script too")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("which", nargs="*", default=["parse", "scan"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    python = ensure_venv()
    perimeter = build_perimeter()
    parts = corpus_parts()
    latest = os.path.join(HERE, "results", "latest.json")
    results = json.load(open(latest)) if os.path.exists(latest) else {}
    if "parse" in args.which:
        results["parse"] = bench_parse(perimeter, python, parts, args.repeat)
    if "scan" in args.which:
        results["scan"] = bench_scan(perimeter, python, parts, args.repeat)
    if "compare" in args.which:
        results["scan"] = recompare(perimeter, parts)
    with open(latest, "w") as handle:
        json.dump(results, handle, indent=2)
    log("\nresults written to bench/results/latest.json")


if __name__ == "__main__":
    main()
