#!/usr/bin/env bash
# Prove the backups of a data home can be restored: back up the home given by ASSISTANT_HOME
# (and ASSISTANT_DATABASE_URL if set), restore the backup into a new, empty home (and, for
# PostgreSQL, into the empty database RESTORE_DATABASE_URL), and compare every draft.
# Usage: ASSISTANT_HOME=/srv/assistant [ASSISTANT_DATABASE_URL=… RESTORE_DATABASE_URL=…] \
#        deploy/check-restore.sh [path/to/assistant]
# Exit 0 when every draft (id, status, client, label, subject) is found again.
set -euo pipefail
ASSISTANT="${1:-assistant}"
: "${ASSISTANT_HOME:?set ASSISTANT_HOME to the data home to check}"
if [ -n "${ASSISTANT_DATABASE_URL:-}" ] && [ -z "${RESTORE_DATABASE_URL:-}" ]; then
  echo "error: set RESTORE_DATABASE_URL to an empty PostgreSQL database to restore into" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$ASSISTANT" backup create "$work/backup"
"$ASSISTANT" drafts list --json > "$work/before.json"
(
  export ASSISTANT_HOME="$work/restored-home"
  if [ -n "${RESTORE_DATABASE_URL:-}" ]; then export ASSISTANT_DATABASE_URL="$RESTORE_DATABASE_URL"; fi
  "$ASSISTANT" backup restore "$work/backup"
  "$ASSISTANT" drafts list --json > "$work/after.json"
)
if cmp -s "$work/before.json" "$work/after.json"; then
  echo "restore check: all $(grep -c '"id"' "$work/before.json" || true) drafts found again in a restored home"
else
  echo "error: the restored home's drafts differ from the original's:" >&2
  diff "$work/before.json" "$work/after.json" >&2 || true
  exit 1
fi
