#!/usr/bin/env bash
# Smoke test of the built bundle (make bundle-test): the frozen binary, not the
# sources, sets up an office, builds a demo office, checks it, searches it,
# prints a PDF and starts the window offscreen. Run from the repository root:
#     packaging/smoke_test.sh [dist/lotse]
set -euo pipefail

DIST=${1:-dist/lotse}
BIN="$DIST/lotse"
DEMO_PASSPHRASE='Lotse-Demo-2026!'

if [[ ! -x $BIN ]]; then
    echo "smoke test: $BIN not found; run 'make bundle' first" >&2
    exit 2
fi

export QT_QPA_PLATFORM=offscreen
unset LOTSE_HOME LOTSE_USER LOTSE_PASSPHRASE LOTSE_NEW_PASSPHRASE LOTSE_DEBUG
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
OFFICE="$TMP/office"
DEMO="$TMP/demo"
failures=0

step() { printf '\n== %s\n' "$*"; }
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
# No traceback, no Python error and no crash message may reach the output.
clean_output() {
    if grep -E -n 'Traceback|Error|Unerwarteter Fehler|Segmentation|core dumped' "$1" >&2; then
        fail "$2: error output above"
    fi
}
run() { # run NAME CMD...: CMD must exit 0 with clean output
    local name=$1 status=0
    shift
    "$@" >"$TMP/out" 2>"$TMP/err" || status=$?
    head -n 12 "$TMP/out"
    (($(wc -l <"$TMP/out") <= 12)) || echo "[... $(wc -l <"$TMP/out") lines]"
    cat "$TMP/err"
    ((status == 0)) || fail "$name: exit status $status"
    clean_output "$TMP/err" "$name"
}

step "bundle: $(du -sh "$DIST" | cut -f1) in $DIST"
# Libraries the bundle must carry itself (Qt, ICU, Python, PySide6) all resolve.
if command -v ldd >/dev/null; then
    missing=$(find "$DIST/_internal" -name '*.so*' -type f -print0 |
        LD_LIBRARY_PATH="$DIST/_internal" xargs -0 ldd 2>/dev/null |
        awk '/not found/ {print $1}' | sort -u || true)
    if grep -E '^lib(Qt6|icu|pyside6|shiboken6|python3)' <<<"$missing"; then
        fail "libraries missing from the bundle (above)"
    elif [[ -n $missing ]]; then
        echo "not on this machine (optional plugins only): $(tr '\n' ' ' <<<"$missing")"
    fi
fi
for f in NotoSans-Regular.ttf NotoSans-Bold.ttf NotoSansMono-Regular.ttf OFL.txt \
    NotoNaskhArabic-Regular.ttf NotoNaskhArabic-Bold.ttf; do
    [[ -s $DIST/_internal/resources/fonts/$f ]] || fail "font file $f not bundled"
done
for f in env.py script.py.mako versions/0001_initial.py; do
    [[ -s $DIST/_internal/app/storage/migrations/$f ]] || fail "migration file $f not bundled"
done
[[ -s $DIST/_internal/resources/schemas/yearly-report-1.0.schema.json ]] ||
    fail "the yearly report's schema is not bundled"
for po in translations/*/LC_MESSAGES/*.po; do
    [[ -e $po ]] || continue
    [[ -s $DIST/_internal/${po%.po}.mo ]] || fail "${po%.po}.mo not bundled"
done
for lang in de en; do
    [[ -s $DIST/_internal/PySide6/Qt/translations/qtbase_$lang.qm ]] ||
        fail "qtbase_$lang.qm not bundled"
done

step "lotse --version"
run version "$BIN" --version
grep -q '^Lotse [0-9]' "$TMP/out" || fail "--version printed no version"

step "lotse init"
run init env LOTSE_HOME="$OFFICE" LOTSE_PASSPHRASE='Smoke-Test-Passphrase-1' \
    "$BIN" init --office "Beratungsstelle Smoke-Test" --user anna --district KI --posts 1,5
grep -Eq '^([0-9A-F]{4}-){15}[0-9A-F]{4}$' "$TMP/out" || fail "init printed no recovery key"
[[ -s $OFFICE/office.lotse && -s $OFFICE/office.lotse.keys ]] || fail "init wrote no office"

step "lotse demo --clients 200"
run demo "$BIN" --home "$DEMO" demo --clients 200

step "lotse check --user leitung (demo)"
run check env LOTSE_PASSPHRASE="$DEMO_PASSPHRASE" "$BIN" --home "$DEMO" check --user leitung

step "lotse clients search (demo)"
run search env LOTSE_PASSPHRASE="$DEMO_PASSPHRASE" \
    "$BIN" --home "$DEMO" clients search e --user leitung --json
grep -q '"number": "K-' "$TMP/out" || fail "clients search: no results"

step "lotse recovery-sheet (demo): a PDF with the bundled fonts"
run document env LOTSE_PASSPHRASE="$DEMO_PASSPHRASE" \
    "$BIN" --home "$DEMO" recovery-sheet --user leitung --out "$TMP/sheet.pdf"
head -c 5 "$TMP/sheet.pdf" 2>/dev/null | grep -q '%PDF-' || fail "document: no PDF written"
if command -v pdffonts >/dev/null; then
    pdffonts "$TMP/sheet.pdf" | tee "$TMP/fonts"
    grep -q 'NotoSans-Regular .* yes' "$TMP/fonts" || fail "document: bundled font not embedded"
fi

step "lotse document consent --lang ar (demo): sealed, Arabic font embedded, verified"
run consent env LOTSE_PASSPHRASE="$DEMO_PASSPHRASE" "$BIN" --home "$DEMO" document consent \
    --client 1 --lang ar --release "Jobcenter Kiel" --user leitung --out "$TMP/consent.pdf"
if command -v pdffonts >/dev/null; then
    pdffonts "$TMP/consent.pdf" >"$TMP/fonts"
    grep -q 'NotoNaskhArabic-Regular .* yes' "$TMP/fonts" || fail "consent: Arabic font not embedded"
fi
run verify "$BIN" --home "$DEMO" verify "$TMP/consent.pdf"
grep -q 'Ergebnis: gültig' "$TMP/out" || fail "verify: not reported valid"

step "lotse export and lotse coordinator (demo): the yearly file, checked and aggregated"
YEAR=$(($(date +%Y) - 1))
mkdir -p "$TMP/export" "$TMP/coordinator" "$TMP/state"
run export env LOTSE_PASSPHRASE="$DEMO_PASSPHRASE" "$BIN" --home "$DEMO" export \
    --year "$YEAR" --out "$TMP/export" --user leitung
run keygen "$BIN" coordinator keygen --out "$TMP/coordinator" --no-passphrase
run trust "$BIN" coordinator trust "$DEMO/seal-certificate.pem" \
    --trusted "$TMP/coordinator/trusted" --yes
run aggregate "$BIN" coordinator aggregate "$TMP"/export/Jahresmeldung_* --year "$YEAR" \
    --out "$TMP/state" --key "$TMP/coordinator/Landeskoordination_Schluessel.pem" \
    --cert "$TMP/coordinator/Landeskoordination_Zertifikat.pem" \
    --trusted "$TMP/coordinator/trusted"
[[ -s $TMP/state/Landesstatistik_$YEAR.xlsx && -s $TMP/state/Landesstatistik_$YEAR.pdf ]] ||
    fail "aggregate: no workbook or report written"

step "window starts offscreen (5 s, in the office home)"
set +e
timeout 5 "$BIN" --home "$OFFICE" >"$TMP/out" 2>"$TMP/err"
status=$?
set -e
cat "$TMP/out" "$TMP/err"
# 124: still running when the timeout ended it, which is what a window does.
[[ $status == 124 || $status == 0 ]] || fail "window: exit status $status before the timeout"
clean_output "$TMP/err" window

if ((failures)); then
    printf '\nsmoke test: %d failure(s)\n' "$failures" >&2
    exit 1
fi
printf '\nsmoke test: all passed\n'
