#!/usr/bin/env bash
# System packages Lotse needs on Debian 12: Python venv, Qt's runtime libraries,
# the SQLCipher 4 shell (bookworm-backports) and poppler/qpdf as independent readers.
# Idempotent and quick when everything is there. Needs root (or sudo).
set -euo pipefail

packages=(
  python3 python3-venv python3-pip ca-certificates make openssl
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libxkbcommon-x11-0 libxcb-cursor0
  libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0
  libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxcb-xfixes0 libglib2.0-0
  poppler-utils qpdf xvfb imagemagick xdotool
)

sudo_cmd=()
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null; then sudo_cmd=(sudo); else
    echo "Bitte als root ausführen oder sudo installieren." >&2; exit 2; fi
fi

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
sqlcipher_ok=0
if command -v sqlcipher >/dev/null && echo 'PRAGMA cipher_version;' | sqlcipher 2>/dev/null | grep -q '^[4-9]\.'; then
  sqlcipher_ok=1
fi
if [ ${#missing[@]} -eq 0 ] && [ $sqlcipher_ok = 1 ]; then
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
if [ $sqlcipher_ok = 0 ] && [ "$codename" = bookworm ]; then
  # Debian 12 ships SQLCipher 3.4, which cannot read SQLCipher 4 files; backports has 4.6.
  echo "deb http://deb.debian.org/debian bookworm-backports main" |
    "${sudo_cmd[@]}" tee /etc/apt/sources.list.d/lotse-backports.list >/dev/null
fi
"${sudo_cmd[@]}" apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ $sqlcipher_ok = 0 ]; then
  if [ "$codename" = bookworm ]; then
    "${sudo_cmd[@]}" apt-get install -y -qq -t bookworm-backports sqlcipher >/dev/null
  else
    "${sudo_cmd[@]}" apt-get install -y -qq sqlcipher >/dev/null
  fi
fi
