#!/usr/bin/env bash
# The main job: install what is missing, build the release preset, run the default scenario.
# Extra arguments go to `faultline run` (e.g. --seed 7 --lang zh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target faultline
exec build/release/trainer/faultline run scenarios/coastal_city.json --headless --out out/coastal_city "$@"
