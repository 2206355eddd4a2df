#!/usr/bin/env bash
# Installs what the tests need, then runs the whole suite. The README's second set-up command.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -r scripts/test-requirements.txt

swift build
swift test
