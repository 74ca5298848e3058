#!/bin/sh
# Fails when a file under src/ (or a .in file under data/) that holds a
# translatable string is missing from po/POTFILES.in, or when POTFILES.in
# names a file that does not exist.
set -eu
top=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$top"

listed=$(grep -v '^\s*#' po/POTFILES.in | sed '/^\s*$/d' | sort -u)
status=0

for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist" >&2
    status=1
  fi
done

marked=$( { grep -rlE '(^|[^A-Za-z0-9_])N?_\(|C_\(|NC_\(|translatable="yes"' src --include='*.c' --include='*.ui' || true; } | sort -u)
for f in $marked; do
  if ! printf '%s\n' "$listed" | grep -qxF "$f"; then
    echo "$f has translatable strings but is missing from po/POTFILES.in" >&2
    status=1
  fi
done

if [ "$status" -eq 0 ]; then
  echo "po/POTFILES.in lists all $(printf '%s\n' "$marked" | grep -c .) files with translatable strings"
fi
exit $status
