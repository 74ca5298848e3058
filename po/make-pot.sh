#!/bin/sh
# Extracts every marked string of the sources in po/POTFILES.in into a template, with
# the keywords and flags of meson's glib preset (what `meson compile caucus-pot` uses),
# for the scripts that work without a build directory:
#
#   po/make-pot.sh SOURCE_ROOT OUTPUT.pot
#
# Used by po/update-translations.sh (no BUILDDIR given) and by the po-complete test
# (po/check-translations-complete.sh).
set -eu
cd "$1"
xgettext --package-name=caucus --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --files-from=po/POTFILES.in -o "$2"
