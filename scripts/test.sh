#!/usr/bin/env bash
# Installs what the tests need, then runs the whole suite. The README's second set-up command.
set -euo pipefail
cd "$(dirname "$0")/.."

# The live Kubernetes tests make their TLS certificates with the openssl CLI.
command -v openssl >/dev/null || { apt-get update -qq && apt-get install -y -qq openssl; }

python3 -m pip install --quiet --disable-pip-version-check -r scripts/test-requirements.txt

swift build
swift test
