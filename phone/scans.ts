// Every scan this phone made, with the verdict it showed and, once uploaded, the server's
// own result. Conflicts and items the server refused stay here for the "needs attention"
// screen; a scan row is never deleted while the gate is signed in.
import type { ScanResult } from '../shared/protocol/check-in.ts';
import { database, type FastCheckDb } from './database.ts';
import type { LocalScan } from './rows.ts';

export async function recordScan(scan: LocalScan, db: FastCheckDb = database()): Promise<void> {
  await db.scans.put(scan);
}

/** The server answered an uploaded scan. Returns the stored row, if any. */
export async function applyUploadResult(result: ScanResult, db: FastCheckDb = database()): Promise<LocalScan | undefined> {
  const row = await db.scans.get(result.scan_id);
  if (!row) return undefined;
  const next: LocalScan = { ...row, verdict: result.verdict, state: 'synced', result: { ...result, offline: row.offline } };
  await db.scans.put(next);
  return next;
}

/** The server did not take an uploaded scan: its error (code and message) is kept for "needs attention". */
export async function markFailed(scanId: string, error: { code: string; message: string; details?: unknown }, db: FastCheckDb = database()): Promise<void> {
  const path = (error.details as { path?: unknown } | undefined)?.path;
  await db.scans.update(scanId, { state: 'failed', error: error.message, error_code: error.code, error_field: typeof path === 'string' ? path : null });
}

/** The latest admission of a ticket on this phone, for "already checked in 19:42 at VIP". */
export async function lastAdmission(ticketCode: string, db: FastCheckDb = database()): Promise<LocalScan | undefined> {
  const rows = await db.scans.where('ticket_code').equals(ticketCode).toArray();
  return rows
    .filter((r) => r.direction === 'in' && (r.local_verdict === 'accepted' || r.verdict === 'accepted'))
    .sort((a, b) => b.scanned_at.localeCompare(a.scanned_at))[0];
}

/** Conflicts from reconciliation and scans the server could not take. */
export async function needingAttention(db: FastCheckDb = database()): Promise<LocalScan[]> {
  const [conflicts, failed] = await Promise.all([db.scans.where('verdict').equals('conflict').toArray(), db.scans.where('state').equals('failed').toArray()]);
  const all = new Map([...conflicts, ...failed].map((s) => [s.scan_id, s]));
  return [...all.values()].sort((a, b) => b.scanned_at.localeCompare(a.scanned_at));
}
