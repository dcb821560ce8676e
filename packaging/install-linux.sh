#!/bin/sh
# Lotse on Linux: adds the unpacked bundle to the current user's application menu
# (no root needed). Run it from the unpacked lotse/ folder:
#
#     ./install-linux.sh              menu entry, icon and ~/.local/bin/lotse
#     ./install-linux.sh --remove     takes them away again (never the office data)
#
# It writes only ~/.local/share/applications/lotse.desktop, the icon under
# ~/.local/share/icons/ and the link ~/.local/bin/lotse. The office data lives in
# ~/.local/share/Lotse and is not touched.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
entry="$data/applications/lotse.desktop"
png="$data/icons/hicolor/256x256/apps/lotse.png"
svg="$data/icons/hicolor/scalable/apps/lotse.svg"
link="$HOME/.local/bin/lotse"

refresh() {
    update-desktop-database "$data/applications" 2>/dev/null || true
    gtk-update-icon-cache -q -t "$data/icons/hicolor" 2>/dev/null || true
}

if [ "${1:-}" = "--remove" ]; then
    rm -f "$entry" "$png" "$svg"
    if [ -L "$link" ]; then rm -f "$link"; fi
    refresh
    echo "Lotse wurde aus dem Menü entfernt. Die Daten in $data/Lotse bleiben erhalten."
    exit 0
fi

if [ ! -x "$here/lotse" ] || [ ! -f "$here/lotse.desktop" ]; then
    echo "Bitte im entpackten Ordner lotse/ ausführen: ./install-linux.sh" >&2
    exit 2
fi

mkdir -p "$(dirname "$entry")" "$(dirname "$png")" "$(dirname "$svg")" "$(dirname "$link")"
cp "$here/_internal/resources/icons/lotse-256.png" "$png"
cp "$here/_internal/resources/icons/lotse.svg" "$svg"
sed "s|^Exec=.*|Exec=\"$here/lotse\"|" "$here/lotse.desktop" >"$entry"
chmod 644 "$entry"
ln -sfn "$here/lotse" "$link"
refresh
echo "Lotse steht jetzt im Anwendungsmenü (Büro). Befehl im Terminal: lotse"
echo "Die Daten der Beratungsstelle liegen in $data/Lotse."
