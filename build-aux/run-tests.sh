#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build, and run the whole test suite.
# Display tests run under Xvfb with a session bus; HOME and XDG dirs point at a fresh
# temporary directory.
#
# Then, always (this is what CI runs, issue 11):
#  - the whole suite again (display and interop included) in an ASan+UBSan build
#    (_build-asan), LeakSanitizer on for every headless suite (the display tests turn leak
#    detection off: GTK, fontconfig and Mesa keep process-wide caches);
#  - every libFuzzer target for a bounded time (CAUCUS_FUZZ_SECONDS, default 20) in a
#    clang build (_build-fuzz), when clang is installed.
# --no-asan and --no-fuzz skip those steps (quicker local runs); --asan is accepted for
# older scripts and changes nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")

asan=1
fuzz=1
for arg in "$@"; do
  case "$arg" in
    --asan) asan=1 ;;
    --no-asan) asan=0 ;;
    --no-fuzz) fuzz=0 ;;
    *) echo "usage: $0 [--asan] [--no-asan] [--no-fuzz]" >&2; exit 2 ;;
  esac
done

"$here/setup.sh" "$top/_build"
if [ -f "$top/tests/interop/package-lock.json" ]; then
  # The tests use PouchDB's memory adapter only: skip the install scripts, which would build
  # leveldown and sqlite3 from source for minutes (bench/run installs them when it needs them).
  (cd "$top/tests/interop" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
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
      dbus-run-session -- meson test -C "$builddir" --print-errorlogs --num-processes 2 "${@:2}"
}

# Builds only what the given suites run (their test programs and what they depend on),
# so the extra build directories do not compile the whole app.
build_suites() {
  local builddir=$1
  shift
  local targets
  targets=$(meson introspect "$builddir" --tests | python3 -c '
import json, os, sys
build, suites = sys.argv[1], set("caucus:" + s for s in sys.argv[2:])
found = set()
for t in json.load(sys.stdin):
    if suites & set(t["suite"]):
        for path in [t["cmd"][0]] + [a for a in t["cmd"][1:] if a.startswith(build)]:
            if path.startswith(build + os.sep):
                found.add(os.path.relpath(path, build))
        found.update(t.get("depends", []))
print("\n".join(sorted(found)))' "$builddir" "$@")
  # "depends" lists target ids; ninja knows them by output path, so ask ninja for each id's outputs
  local outputs
  outputs=$(meson introspect "$builddir" --targets | python3 -c '
import json, os, sys
build = sys.argv[1]
wanted = set(sys.argv[2:])
out = set(w for w in wanted if "@" not in w)
for t in json.load(sys.stdin):
    if t["id"] in wanted:
        out.update(os.path.relpath(f, build) for f in t["filename"])
print(" ".join(sorted(out)))' "$builddir" $targets)
  # shellcheck disable=SC2086
  ninja -C "$builddir" $outputs
}

run_suite "$top/_build"

if [ "$asan" -eq 1 ]; then
  asan_dir="$top/_build-asan"
  if [ -f "$asan_dir/build.ninja" ]; then
    meson configure "$asan_dir" -Dsanitizers=true -Dbuildtype=debug >/dev/null
  else
    meson setup "$asan_dir" "$top" -Dsanitizers=true -Dbuildtype=debug
  fi
  # Everything the normal build tests, built once (benchmarks and the app come with it).
  ninja -C "$asan_dir"
  # ASan+UBSan code runs 2-5 times slower: the same tests get three times their timeout.
  run_suite "$asan_dir" --no-rebuild --timeout-multiplier 3
fi

if [ "$fuzz" -eq 1 ]; then
  if command -v clang >/dev/null 2>&1; then
    fuzz_dir="$top/_build-fuzz"
    # -Dwerror=false: clang's warnings differ from gcc's (e.g. -Wcast-align on cairo
    # buffers); the gcc build above is the one that enforces the warning set.
    if [ ! -f "$fuzz_dir/build.ninja" ]; then
      CC=clang meson setup "$fuzz_dir" "$top" -Dfuzzing=true -Dinterop=false -Dbuildtype=debugoptimized -Dwerror=false
    fi
    build_suites "$fuzz_dir" fuzz
    run_suite "$fuzz_dir" --no-rebuild --suite fuzz
  else
    echo "run-tests: clang is not installed; the fuzz suite did not run" >&2
  fi
fi
