#!/usr/bin/env bash
# The main job: install what is missing, build the release preset, run the default scenario
# (in the window on a desktop, headless elsewhere).
# Extra arguments go to `faultline run` (e.g. --seed 7 --lang zh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target faultline
# With a display `faultline run` opens the dispatcher's window; without one it runs headless.
exec build/release/trainer/faultline run scenarios/coastal_city.json --out out/coastal_city "$@"
