#!/usr/bin/env bash
# Install what the live tests need, idempotently: Dovecot (IMAP), PostgreSQL, a Thai font (the Thai-PDF
# document test) and Debian's Chromium (the review page's browser tests; Playwright drives
# /usr/bin/chromium and never downloads a browser of its own). The tests start their own
# throw-away Dovecot from a temp config on a free loopback port: the system service is
# neither needed nor wanted.
set -euo pipefail

apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  if [ -z "${APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get update -q
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@"
}

[ -x /usr/sbin/dovecot ] || apt_install dovecot-imapd
# A Thai font with Latin letters too (Noto Looped Thai, from fonts-noto, has none).
fc-list ':lang=th:charset=41-5a 61-7a' 2>/dev/null | grep -q . || apt_install fonts-thai-tlwg fontconfig
[ -x /usr/bin/chromium ] || apt_install chromium
# PostgreSQL (the state tests on a real server): the tests run their own throw-away cluster
# with initdb/pg_ctl on a free port, never the system service.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql

# Make sure no system Dovecot is left running (the package may start one where services
# are allowed to start); it would only hold ports 143/993 and waste memory.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl disable --now dovecot.service dovecot.socket postgresql.service >/dev/null 2>&1 || true
elif command -v service >/dev/null 2>&1; then
  service dovecot stop >/dev/null 2>&1 || true
  service postgresql stop >/dev/null 2>&1 || true
fi
if [ -s /run/dovecot/master.pid ]; then
  pid="$(cat /run/dovecot/master.pid)"
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "dovecot" ]; then
    kill "$pid" || true
  fi
fi

echo "dovecot $(/usr/sbin/dovecot --version | cut -d' ' -f1), chromium $(/usr/bin/chromium --version 2>/dev/null | cut -d' ' -f2), postgresql $(ls -d /usr/lib/postgresql/*/ | xargs -n1 basename | sort -n | tail -1) ready"
