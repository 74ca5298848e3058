#!/usr/bin/env bash
# bench/statements/run-keystroke.sh PROGRAM [ARGS…] — runs caucus-bench-keystroke the way
# build-aux/run-tests.sh runs the display tests: under Xvfb (1280×800×24) with a session
# bus, HOME and the XDG directories in a fresh temporary directory, GSETTINGS_BACKEND=memory.
# GSK_RENDERER, when set, is passed through (bench/run runs it with the renderer the app
# chooses and with GL forced).
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/config" "$tmp/data" "$tmp/cache" "$tmp/state" "$tmp/runtime"
chmod 700 "$tmp/runtime"
env HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
    XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state" XDG_RUNTIME_DIR="$tmp/runtime" \
    GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 \
    xvfb-run -a -s '-screen 0 1280x800x24' \
    dbus-run-session -- "$@"
