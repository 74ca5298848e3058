#!/bin/sh
# Every language of po/LINGUAS translates every string marked in the sources listed in
# POTFILES.in: a fresh template (po/make-pot.sh, as update-translations.sh makes it) is
# merged into a copy of each .po, and any entry left untranslated or fuzzy fails the
# test with its msgid, so a string added without its translations is caught in CI and
# not by a delegate reading English in the middle of an Arabic window.
#
#   po/check-translations-complete.sh SOURCE_ROOT
set -eu
top=$1
cd "$top"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sh po/make-pot.sh "$top" "$tmp/caucus.pot"

status=0
for lang in $(sed -e 's/#.*//' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "po/$lang.po" "$tmp/caucus.pot"
  missing=$(msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" | grep -c '^msgid ' || true)
  # msgattrib prints the header's empty msgid with any other entry
  [ "$missing" -gt 0 ] && missing=$((missing - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  if [ "$missing" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
    echo "po/$lang.po: $missing untranslated, $fuzzy fuzzy (run po/update-translations.sh):"
    msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | sed -n 's/^msgid "\(..*\)"$/  untranslated: \1/p'
    msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" | sed -n 's/^msgid "\(..*\)"$/  fuzzy: \1/p'
    status=1
  fi
done
exit $status
