#!/usr/bin/env bash
# Installs what the tests need, then runs the whole suite. The README's second set-up command.
set -euo pipefail
cd "$(dirname "$0")/.."

# The live Kubernetes tests make their TLS certificates with the openssl CLI.
command -v openssl >/dev/null || { apt-get update -qq && apt-get install -y -qq openssl; }

python3 -m pip install --quiet --disable-pip-version-check -r scripts/test-requirements.txt

swift build --build-tests
# Tests that hold a network call to a deadline of a few seconds run on their own, after the rest: the rest
# includes tests that wait on child processes (terraform, the CLI), which can keep every thread of Swift's
# cooperative pool busy on 2 cores and so hold back any async deadline in the same process.
timing='NetworkLimitsTests|LiveCollectionTests|KubeletProbeTests'
swift test --skip-build --skip "$timing"
swift test --skip-build --filter "$timing"
