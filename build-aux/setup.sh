#!/usr/bin/env bash
# Installs what is missing (Debian 12), then configures and builds Caucus.
# Usage: build-aux/setup.sh [BUILDDIR] [meson options...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
builddir=${1:-"$top/_build"}
shift || true

mapfile -t wanted < <(grep -v '^\s*#' "$here/debian-packages.txt" | sed '/^\s*$/d')
missing=()
for p in "${wanted[@]}"; do
  # Node.js may come from elsewhere than Debian (with its own npm, which conflicts with
  # Debian's npm package): a working command is enough.
  case "$p" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ -f "$builddir/build.ninja" ]; then
  meson configure "$builddir" "$@" >/dev/null
else
  meson setup "$builddir" "$top" "$@"
fi
ninja -C "$builddir"
