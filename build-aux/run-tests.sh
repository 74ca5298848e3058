#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build, and run the whole test suite.
# Display tests run under Xvfb with a session bus; HOME and XDG dirs point at a fresh
# temporary directory.  --asan runs the same suite in an ASan+UBSan build as well.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")

asan=0
for arg in "$@"; do
  case "$arg" in
    --asan) asan=1 ;;
    *) echo "usage: $0 [--asan]" >&2; exit 2 ;;
  esac
done

"$here/setup.sh" "$top/_build"
if [ -f "$top/tests/interop/package-lock.json" ]; then
  (cd "$top/tests/interop" && npm ci --no-audit --no-fund --loglevel=error)
fi

run_suite() {
  local builddir=$1
  local tmp
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  mkdir -p "$tmp/home" "$tmp/config" "$tmp/data" "$tmp/cache" "$tmp/state" "$tmp/runtime"
  chmod 700 "$tmp/runtime"
  env HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
      XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state" XDG_RUNTIME_DIR="$tmp/runtime" \
      GSETTINGS_BACKEND=memory NO_AT_BRIDGE=0 \
      xvfb-run -a -s '-screen 0 1280x800x24' \
      dbus-run-session -- meson test -C "$builddir" --print-errorlogs --num-processes 2
}

run_suite "$top/_build"
if [ "$asan" -eq 1 ]; then
  "$here/setup.sh" "$top/_build-asan" -Dsanitizers=true -Dbuildtype=debug
  run_suite "$top/_build-asan"
fi
