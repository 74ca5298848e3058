#!/bin/sh
# The translation cycle, run from anywhere inside the source tree:
#
#   po/update-translations.sh [BUILDDIR]
#
# 1. po/check-potfiles.sh: every source file with a marked string is in POTFILES.in
#    (add the missing ones first, or their strings never reach translators);
# 2. `meson compile caucus-pot` (xgettext through i18n.gettext with the glib preset)
#    refreshes po/caucus.pot from POTFILES.in;
# 3. msgmerge brings every language of po/LINGUAS up to the new template: new strings
#    arrive untranslated, changed ones fuzzy with the previous msgid (--previous) so
#    the translator sees what changed; strings that left the code are dropped;
# 4. the statistics show what is left to translate; `msgattrib --untranslated` and
#    `msgattrib --only-fuzzy` on a .po list those entries.  Translate them, remove the
#    fuzzy flag once a translation is checked, and run `meson test --suite data`
#    (msgfmt --check per language, every marked string translated, the desktop/metainfo
#    coverage and POTFILES tests).
#
# A translator working without a build directory can use the equivalent
# xgettext call of po/make-pot.sh (BUILDDIR omitted and no meson build configured).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-}
cd "$top"

sh po/check-potfiles.sh "$top"

if [ -n "$build" ]; then
  meson compile -C "$build" caucus-pot
else
  sh po/make-pot.sh "$top" po/caucus.pot
fi

for lang in $(sed -e 's/#.*//' po/LINGUAS); do
  msgmerge --quiet --previous --update --backup=none "po/$lang.po" po/caucus.pot
  msgattrib --no-obsolete -o "po/$lang.po" "po/$lang.po"
  printf '%s: ' "$lang"
  msgfmt --check --statistics -o /dev/null "po/$lang.po"
done
