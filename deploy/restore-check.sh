#!/usr/bin/env bash
# Restore check: restores the newest dump in BACKUP_DIR into a scratch database and
# counts rows in the main tables, so you know the backups can actually be restored.
# Usage: ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres BACKUP_DIR=/var/backups/fastcheck deploy/restore-check.sh
# ADMIN_URL: a connection allowed to CREATE/DROP DATABASE. SCRATCH_DB: defaults to fastcheck_restore_check.
set -euo pipefail
: "${ADMIN_URL:?ADMIN_URL must name a database the script can connect to as a user allowed to create databases}"
BACKUP_DIR="${BACKUP_DIR:-/var/backups/fastcheck}"
SCRATCH_DB="${SCRATCH_DB:-fastcheck_restore_check}"
latest="$(ls -1t "$BACKUP_DIR"/fastcheck-*.dump 2>/dev/null | head -n 1 || true)"
if [ -z "$latest" ]; then
  echo "restore-check: no fastcheck-*.dump in $BACKUP_DIR" >&2
  exit 1
fi
psql -v ON_ERROR_STOP=1 -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$SCRATCH_DB\"" -c "CREATE DATABASE \"$SCRATCH_DB\""
# Point the admin URL at the scratch database (replace the path part).
scratch_url="$(printf '%s' "$ADMIN_URL" | sed -E "s#^(postgres(ql)?://[^/]*)(/[^?]*)?#\\1/$SCRATCH_DB#")"
pg_restore --no-owner --exit-on-error --dbname "$scratch_url" "$latest"
echo "restored $latest into $SCRATCH_DB"
for table in events attendees check_ins ticket_types; do
  count="$(psql -At -q "$scratch_url" -c "SELECT count(*) FROM \"$table\"" 2>/dev/null || echo 'missing')"
  echo "$table: $count"
done
