#!/bin/sh
# Every language of po/LINGUAS translates every string marked in the sources listed in
# POTFILES.in: a fresh template (the same xgettext call as update-translations.sh) is
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

xgettext --package-name=caucus --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --files-from=po/POTFILES.in -o "$tmp/caucus.pot"

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
