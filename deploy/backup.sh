#!/usr/bin/env bash
# Nightly backup: pg_dump -Fc of DATABASE_URL into BACKUP_DIR, keeping KEEP_DAYS days.
# Usage: DATABASE_URL=postgres://... BACKUP_DIR=/var/backups/fastcheck KEEP_DAYS=14 deploy/backup.sh
# Use the DIRECT database URL (not pgBouncer): pg_dump needs a session.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL must name the database to dump}"
BACKUP_DIR="${BACKUP_DIR:-/var/backups/fastcheck}"
KEEP_DAYS="${KEEP_DAYS:-14}"
mkdir -p "$BACKUP_DIR"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$BACKUP_DIR/fastcheck-$stamp.dump"
# Write to a temporary name first so a failed dump never looks like a good one.
pg_dump -Fc --no-owner --file "$target.partial" "$DATABASE_URL"
mv "$target.partial" "$target"
echo "backup written: $target"
# Rotation: remove dumps older than KEEP_DAYS days (never the one just written).
find "$BACKUP_DIR" -maxdepth 1 -name 'fastcheck-*.dump' -type f -mtime "+$((KEEP_DAYS - 1))" ! -path "$target" -print -delete
