#!/usr/bin/env bash
# Formats the Swift sources with swift-format (it ships with the toolchain: `swift format`), then lints
# them strictly. `scripts/format.sh --check` only lints, and fails on any finding: CI runs that.
# Rules turned off in .swift-format, and why:
#   AlwaysUseLowerCamelCase: Codable types mirror wire formats (credential_process JSON, the SigV4 test
#   suite's keys) whose names are not ours to choose.
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Package.swift Sources Tests Plugins Fuzz)
if [ "${1:-}" != "--check" ]; then
    swift format format --in-place --recursive --parallel "${paths[@]}"
fi
swift format lint --strict --recursive --parallel "${paths[@]}"
