#!/bin/sh
# bench/server: caucus-server vs pouchdb-server under PouchDB replication, and long-poll fan-out.
# Usage: bench/server/run.sh [BUILD_DIR] [DOCS] [CLIENTS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-"$here/../../_build"}
exec node "$here/bench-server.js" "$build/src/server/caucus-server" "${2:-20000}" "${3:-200}"
