#!/usr/bin/env bash
# Install the external services the live tests need (Dovecot IMAP), idempotently.
# The tests start their own throw-away Dovecot from a temp config on a free loopback port
# (tests/live/conftest.py); the system-wide dovecot service is neither needed nor wanted.
set -euo pipefail

if [ ! -x /usr/sbin/dovecot ]; then
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends dovecot-imapd
fi

# Make sure no system Dovecot is left running (the package may start one where services
# are allowed to start); it would only hold ports 143/993 and waste memory.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl disable --now dovecot.service dovecot.socket >/dev/null 2>&1 || true
elif command -v service >/dev/null 2>&1; then
  service dovecot stop >/dev/null 2>&1 || true
fi
if [ -s /run/dovecot/master.pid ]; then
  pid="$(cat /run/dovecot/master.pid)"
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "dovecot" ]; then
    kill "$pid" || true
  fi
fi

# A Thai TrueType font, so the Thai-PDF document test runs instead of skipping.
if ! fc-list :lang=th 2>/dev/null | grep -q .; then
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends fonts-thai-tlwg fontconfig
fi

/usr/sbin/dovecot --version >/dev/null
echo "dovecot $(/usr/sbin/dovecot --version | cut -d' ' -f1) ready (system service not running)"
