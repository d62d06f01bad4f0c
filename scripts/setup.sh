#!/usr/bin/env bash
# Create the project's virtualenv (.venv) if it is missing and install goldenthread,
# its development tools and the plugin packages in plugins/ into it.  Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
args=(-e ".[dev]")
for plugin in plugins/*/; do
    [ -f "$plugin/pyproject.toml" ] && args+=(-e "$plugin")
done
.venv/bin/python -m pip install --quiet --disable-pip-version-check "${args[@]}"
