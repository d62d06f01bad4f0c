#!/usr/bin/env bash
# Headless Chromium and axe-core for the browser tests (tests/browser) and the
# screenshots of the demo's pages (scripts/screenshot.py).
#
# Run as root on Debian (CI sets CI=true).  Installs Debian's chromium and
# chromium-driver packages with apt-get when /usr/bin/chromium is missing, and axe-core 4
# from the npm registry into tests/browser/node_modules (git-ignored) when it is not
# there yet.  Prints, as its last two lines, the settings the tests read:
#
#     GOLDENTHREAD_CHROMIUM=/usr/bin/chromium
#     GOLDENTHREAD_AXE=/.../tests/browser/node_modules/axe-core/axe.min.js
#
# Everything else goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'browser.sh: %s\n' "$*" >&2; }

may_install() {
    [ "${CI:-}" = "true" ] && [ "$(id -u)" = "0" ]
}

apt_updated=no
apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    if [ "$apt_updated" = "no" ]; then
        apt-get update -qq >&2
        apt_updated=yes
    fi
    apt-get install -y -qq "$@" >&2
}

chromium=/usr/bin/chromium
if [ ! -x "$chromium" ]; then
    if ! may_install; then
        log "$chromium is missing; run as root with CI=true to install it"
        exit 1
    fi
    log "installing chromium with apt-get"
    apt_install chromium chromium-driver
fi
log "$("$chromium" --version 2>/dev/null || echo "$chromium")"

prefix=tests/browser
axe="$prefix/node_modules/axe-core/axe.min.js"
if [ ! -f "$axe" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        if ! may_install; then
            log "npm is missing; run as root with CI=true to install it"
            exit 1
        fi
        log "installing npm with apt-get"
        apt_install npm
    fi
    log "installing axe-core 4 from the npm registry into $prefix/node_modules"
    npm install --prefix "$prefix" --no-save --no-package-lock --no-audit --no-fund \
        axe-core@4 >&2
fi
if [ ! -f "$axe" ]; then
    log "axe-core was not installed at $axe"
    exit 1
fi
log "axe-core $(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$prefix/node_modules/axe-core/package.json" | head -n 1)"

echo "GOLDENTHREAD_CHROMIUM=$chromium"
echo "GOLDENTHREAD_AXE=$(pwd)/$axe"
