#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests, only when /usr/bin/chromium is missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Chromium missing: installing Debian's chromium package" >&2
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >&2
[ -x /usr/bin/chromium ] || { echo "chromium was not installed at /usr/bin/chromium" >&2; exit 1; }
