#!/usr/bin/env bash
# Quick start command 2: installs what the tests need (Debian's Chromium and poppler-utils, npm packages) and runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

# Chromium for Playwright; poppler-utils' pdfsig and pdftotext verify and read the sealed PDFs.
MISSING=""
[ -x /usr/bin/chromium ] || MISSING="$MISSING chromium"
[ -x /usr/bin/pdfsig ] || MISSING="$MISSING poppler-utils"
if [ -n "$MISSING" ]; then
  echo "[test-all] installing from Debian's packages:$MISSING"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $MISSING >/dev/null
fi

# npm ci only when the lock file changed since the last install (it wipes node_modules).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

export NEXT_TELEMETRY_DISABLED=1
npm test
