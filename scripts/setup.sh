#!/usr/bin/env bash
# Set up vedtak on a fresh machine: a virtualenv with the project installed.
#   scripts/setup.sh          Python dependencies only (enough for `vedtak extract` / `ingest`)
#   scripts/setup.sh --test   also Debian's postgresql, chromium, poppler-utils, LibreOffice and Tesseract
#                             (Norwegian + OSD) for the tests
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
PYTHON="${PYTHON:-python3}"

if [ "${1:-}" = "--test" ]; then
  need=()
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  command -v cc >/dev/null 2>&1 || need+=(gcc)  # builds vedtak/pdf/charboxes.c (below)
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
  # LibreOffice makes the .docx samples (their regeneration is tested); its fonts fix the layout.
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui fonts-dejavu-core fonts-liberation2)
  # Tesseract reads scanned pages (vedtak/pdf/ocr.py): Norwegian words, and OSD for 90/180° pages.
  command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
  tesseract --list-langs 2>/dev/null | grep -qx nor || need+=(tesseract-ocr-nor)
  tesseract --list-langs 2>/dev/null | grep -qx osd || need+=(tesseract-ocr-osd)
  if [ ${#need[@]} -gt 0 ]; then
    echo "setup: installing Debian packages: ${need[*]}"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

stamp="$VENV/.vedtak-installed"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
# The dependencies are the tested set of requirements/lock.txt (every version pinned; `make lock`
# refreshes it, docs/deploy.md): a machine set up next month gets the same versions as CI today.
lock=requirements/lock.txt
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ "$lock" -nt "$stamp" ]; then
  echo "setup: installing vedtak and its dependencies ($lock) into $VENV (a few minutes the first time)"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -c "$lock" -e '.[dev]'
  touch "$stamp"
fi
# PDFium's per-character calls in one C loop per page (vedtak/pdf/charboxes.c: reading ~9 % faster);
# without a C compiler vedtak makes the same calls from Python. Built again when the source changes.
charboxes=vedtak/pdf/_charboxes.so
if [ ! -f "$charboxes" ] || [ vedtak/pdf/charboxes.c -nt "$charboxes" ]; then
  if command -v cc >/dev/null 2>&1; then
    cc -O2 -shared -fPIC -o "$charboxes" vedtak/pdf/charboxes.c
  else
    echo "setup: no C compiler (cc): PDF reading makes its per-character calls from Python (slower, same results)"
  fi
fi
# The project's own bytecode, written now: with PYTHONDONTWRITEBYTECODE set (as on CI machines and
# in many containers) an editable install would otherwise compile vedtak's modules in every process
# (~40 ms of each worker's and each command's start). Only changed files are compiled again.
"$VENV/bin/python" -m compileall -q vedtak flows extractors models >/dev/null
