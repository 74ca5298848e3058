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
# xgettext call below (BUILDDIR omitted and no meson build configured).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-}
cd "$top"

sh po/check-potfiles.sh "$top"

if [ -n "$build" ]; then
  meson compile -C "$build" caucus-pot
else
  xgettext --package-name=caucus --from-code=UTF-8 --add-comments \
    --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
    --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
    --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
    --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
    --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
    --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
    --files-from=po/POTFILES.in -o po/caucus.pot
fi

for lang in $(sed -e 's/#.*//' po/LINGUAS); do
  msgmerge --quiet --previous --update --backup=none "po/$lang.po" po/caucus.pot
  msgattrib --no-obsolete -o "po/$lang.po" "po/$lang.po"
  printf '%s: ' "$lang"
  msgfmt --check --statistics -o /dev/null "po/$lang.po"
done
