#!/usr/bin/env bash
# Set up the virtualenv (scripts/setup.sh) and run the whole test suite.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k periods`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m pytest tests plugins "$@"
