#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, and start Caucus on the sample workspace.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
builddir="$top/_build"
"$here/setup.sh" "$builddir"
export GSETTINGS_SCHEMA_DIR="$builddir/data"
exec "$builddir/src/ui/caucus" --sample "$@"
