#!/usr/bin/env python3
"""perimeter's benchmarks, next to its peers on the same inputs, in one run.

  parse   perimeter (parse, and parse + evaluate) vs python-hcl2 parsing the same .tf files
  scan    `perimeter scan` vs Checkov on the same corpus: wall time and peak memory

The corpus lives in bench/corpus/ (ignored by git):
  bench/corpus/terraform-aws-eks, terraform-aws-vpc, terraform-aws-security-group  copies of those public modules
  bench/corpus/generated                                                          200 stacks from generate_corpus.py
Missing pieces are reported and skipped, never faked. Peers install into bench/.venv from PyPI.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(HERE, "corpus")
VENV = os.path.join(HERE, ".venv")
PUBLIC_MODULES = ["terraform-aws-eks", "terraform-aws-vpc", "terraform-aws-security-group"]


def log(message):
    print(message, flush=True)


def run(command, cwd=None, env=None):
    """Runs a command; returns (seconds, peak RSS in MiB, exit code, stdout)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status), output


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
                         "checkov_output": theirs[3].decode(errors="replace")}
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("which", nargs="*", default=["parse", "scan"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    python = ensure_venv()
    perimeter = build_perimeter()
    parts = corpus_parts()
    results = {}
    if "parse" in args.which:
        results["parse"] = bench_parse(perimeter, python, parts, args.repeat)
    if "scan" in args.which:
        results["scan"] = bench_scan(perimeter, python, parts, args.repeat)
    with open(os.path.join(HERE, "results", "latest.json"), "w") as handle:
        json.dump(results, handle, indent=2)
    log("\nresults written to bench/results/latest.json")


if __name__ == "__main__":
    main()
