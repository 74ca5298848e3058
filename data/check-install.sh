#!/bin/sh
# Installs the build into a temporary DESTDIR and checks that everything a
# distribution package needs is there: the app, the server with its systemd unit,
# caucusctl, icons, the settings schema, the desktop entry (with its keywords in
# every shipped language), the metainfo, the translations and the man pages; then
# runs the installed executables' --version/--help.
set -eu
build=${1:?usage: check-install.sh BUILD_DIR SOURCE_DIR APP_ID}
src=${2:?usage: check-install.sh BUILD_DIR SOURCE_DIR APP_ID}
app_id=${3:?usage: check-install.sh BUILD_DIR SOURCE_DIR APP_ID}
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

meson install -C "$build" --no-rebuild --quiet --destdir "$dest" >"$dest.log" 2>&1 || {
  cat "$dest.log" >&2; rm -f "$dest.log"; echo "meson install failed" >&2; exit 1; }
rm -f "$dest.log"

prefix=$(meson introspect "$build" --buildoptions | python3 -c '
import json, sys
print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
root="$dest$prefix"
status=0
need() {
  for f in "$@"; do
    if [ ! -e "$f" ]; then
      echo "not installed: ${f#"$dest"}" >&2
      status=1
    fi
  done
}

need "$root/bin/caucus" "$root/bin/caucus-server" "$root/bin/caucusctl" \
     "$root/lib/systemd/system/caucus-server.service" \
     "$root/share/applications/$app_id.desktop" \
     "$root/share/metainfo/$app_id.metainfo.xml" \
     "$root/share/glib-2.0/schemas/$app_id.gschema.xml" \
     "$root/share/icons/hicolor/scalable/apps/$app_id.svg" \
     "$root/share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
for page in caucus caucus-server caucusctl; do
  if [ ! -e "$root/share/man/man1/$page.1" ] && [ ! -e "$root/share/man/man1/$page.1.gz" ]; then
    echo "not installed: $prefix/share/man/man1/$page.1" >&2
    status=1
  fi
done
for lang in $(sed -e 's/#.*//' "$src/po/LINGUAS"); do
  need "$root/share/locale/$lang/LC_MESSAGES/caucus.mo"
  if ! grep -q "^Keywords\[$lang\]=" "$root/share/applications/$app_id.desktop" 2>/dev/null; then
    echo "the installed desktop entry has no Keywords[$lang]" >&2
    status=1
  fi
done

# Every screenshot the metainfo shows is one of data/screenshots/ (at least one).
shots=$(sed -n 's|.*<image>.*/data/screenshots/\([^<]*\)</image>.*|\1|p' \
  "$root/share/metainfo/$app_id.metainfo.xml" 2>/dev/null || true)
[ -n "$shots" ] || { echo "the installed metainfo shows no screenshot of data/screenshots/" >&2; status=1; }
for shot in $shots; do
  [ -f "$src/data/screenshots/$shot" ] || {
    echo "the metainfo shows $shot, which is not in data/screenshots/" >&2; status=1; }
done

# The unit starts the installed server, wherever the prefix put it.
unit="$root/lib/systemd/system/caucus-server.service"
if [ -e "$unit" ]; then
  exec_start=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$unit")
  if [ ! -x "$dest$exec_start" ]; then
    echo "the unit's ExecStart names $exec_start, which is not the installed caucus-server" >&2
    status=1
  fi
fi

# The installed executables start (no display needed for these).
"$root/bin/caucus" --version >/dev/null || { echo "installed caucus --version failed" >&2; status=1; }
"$root/bin/caucusctl" --version >/dev/null || { echo "installed caucusctl --version failed" >&2; status=1; }
"$root/bin/caucus-server" --help >/dev/null || { echo "installed caucus-server --help failed" >&2; status=1; }

[ "$status" -eq 0 ] && echo "meson install puts every executable, the unit, data files, $(sed -e 's/#.*//' "$src/po/LINGUAS" | wc -w) translations and 3 man pages in place"
exit $status
