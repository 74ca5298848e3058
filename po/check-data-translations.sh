#!/bin/sh
# Fails when a language in po/LINGUAS leaves a string of the desktop entry or the
# AppStream metainfo untranslated or fuzzy.  The strings are extracted afresh from
# data/*.in, so a new or changed string in those files fails the test until every
# language translates it (po/update-translations.sh refreshes the .po files).
set -eu
top=${1:?usage: check-data-translations.sh SOURCE_ROOT}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

xgettext --from-code=UTF-8 --add-comments -o "$tmp/data.pot" \
  "$top/data/io.github.caucusapp.Caucus.desktop.in" \
  "$top/data/io.github.caucusapp.Caucus.metainfo.xml.in"
total=$(msgattrib --no-obsolete "$tmp/data.pot" | grep -c '^msgid ' || true)
total=$((total - 1))

status=0
for lang in $(sed -e 's/#.*//' "$top/po/LINGUAS"); do
  po="$top/po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "po/LINGUAS names $lang but po/$lang.po does not exist" >&2
    status=1
    continue
  fi
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "$po" "$tmp/data.pot"
  missing=$(msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | sed -n 's/^msgid "\(..*\)"$/\1/p')
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" | sed -n 's/^msgid "\(..*\)"$/\1/p')
  if [ -n "$missing$fuzzy" ]; then
    echo "po/$lang.po: desktop or metainfo strings not translated:" >&2
    printf "%s\n" "$missing" | sed 's/^/  untranslated: /' >&2
    printf "%s\n" "$fuzzy" | sed 's/^/  fuzzy: /' >&2
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "every language translates all $total desktop and metainfo strings"
exit $status
