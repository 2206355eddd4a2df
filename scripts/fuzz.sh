#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (swiftc -sanitize=fuzzer, which ships with the toolchain).
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   default: 60 s each, every target, random seed
#   scripts/fuzz.sh --ci                                a fixed seed and a fixed number of runs per target
# CI uses --ci: the same commit explores the same inputs on every run, so CI cannot go red by the luck of a
# random seed; long random runs, which find the new crashes, are for developers and releases.
# Targets: hcl terraform json yaml text aws-xml (see Fuzz/PerimeterFuzz/FuzzEntry.swift).
# The corpus of each target grows in .build-fuzz/corpus/TARGET, seeded from the committed fixtures and
# Fuzz/regressions; a crash is written to .build-fuzz/crashes/TARGET and makes the script exit 1.
# Minimize a crash into a regression fixture with:
#   PERIMETER_FUZZ_TARGET=T .build-fuzz/debug/perimeter-fuzz -minimize_crash=1 -runs=2000 CRASH
# then copy the result to Fuzz/regressions/T/ (FuzzRegressionTests replays every file there).
set -euo pipefail
cd "$(dirname "$0")/.."

# --ci: 20,000 inputs per target from seed 1 (about 10 s each here), with 60 s as a ceiling.
limits=()
if [ "${1:-}" = --ci ]; then
    shift
    seconds=60
    limits=(-seed=1 -runs=20000)
else
    seconds=${1:-60}
    shift || true
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(hcl terraform json yaml text aws-xml)

PERIMETER_FUZZ=1 swift build --scratch-path .build-fuzz --product perimeter-fuzz --sanitize fuzzer
binary=.build-fuzz/debug/perimeter-fuzz
# libFuzzer, not the Swift runtime backtracer, must see a crash, so that it writes the input to crashes/.
export SWIFT_BACKTRACE=enable=no

# Seeds: every committed fixture of the kind the target reads.
seed() {
    local target=$1 dir=.build-fuzz/corpus/$1
    mkdir -p "$dir" ".build-fuzz/crashes/$target"
    local pattern
    case $target in
        hcl|terraform) pattern='*.tf' ;;
        json) pattern='*.json' ;;
        yaml) pattern='*.yaml' ;;
        text) pattern='*.flags' ;;
        aws-xml) pattern='*.xml' ;;
    esac
    find Tests examples -type f -name "$pattern" -size -256k -exec cp -n {} "$dir/" \; 2>/dev/null || true
    if [ "$target" = text ]; then
        find Tests -type f \( -name '*.conf' -o -name '*.prom' -o -name '*.txt' -o -name '*.sh' \) -size -256k \
            -exec cp -n {} "$dir/" \; 2>/dev/null || true
    fi
    if [ "$target" = aws-xml ] && [ -d ../shared/data/aws-api-samples ]; then
        cp -n ../shared/data/aws-api-samples/*.xml "$dir/" 2>/dev/null || true
    fi
    [ -d "Fuzz/regressions/$target" ] && cp -n Fuzz/regressions/"$target"/* "$dir/" 2>/dev/null || true
    return 0
}

status=0
for target in "${targets[@]}"; do
    seed "$target"
    echo "fuzz: $target for ${limits[*]:-${seconds}s} (corpus: $(ls .build-fuzz/corpus/$target | wc -l) files)"
    # Bounded per input too: 10 s, 2 GiB, 64 KiB inputs; a hang or an out-of-memory is a failure like a crash.
    if ! PERIMETER_FUZZ_TARGET=$target "$binary" ".build-fuzz/corpus/$target" \
        -max_total_time="$seconds" ${limits[@]+"${limits[@]}"} -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix=".build-fuzz/crashes/$target/" -print_final_stats=1 > ".build-fuzz/$target.log" 2>&1; then
        echo "fuzz: $target FAILED; see .build-fuzz/$target.log and .build-fuzz/crashes/$target/"
        tail -40 ".build-fuzz/$target.log"
        status=1
    fi
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE' ".build-fuzz/$target.log" | sed "s/^/fuzz: $target /" || true
done
exit $status
