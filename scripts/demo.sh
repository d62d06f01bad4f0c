#!/usr/bin/env bash
# Set up the virtualenv (scripts/setup.sh) and run the main job: the example council
# into the embedded SQLite store, then its reports, written to ./demo-output.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/goldenthread demo --output demo-output "$@"
