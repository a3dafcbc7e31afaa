#!/usr/bin/env bash
# Builds the dev preset (warnings as errors, AddressSanitizer + UBSan) and runs every test, then
# fuzzes the loaders for FUZZ_SECONDS (default 60) each with clang (scripts/deps.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
# Let ccache reuse objects built in another clone of the repository (CI clones afresh).
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"
scripts/deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --parallel "$(nproc)"
ctest --preset dev --parallel "$(nproc)"
# The loaders under libFuzzer for 60 s each (6 targets: 6 minutes; scripts/fuzz.sh).
if command -v clang++ >/dev/null; then scripts/fuzz.sh; fi
