// Scans decided on the phone and not yet answered by the server, oldest first. A row
// leaves only when the server has answered that scan (or refused the item for good).
import type { BatchScan } from '../shared/protocol/scans-batch.ts';
import { database, type FastCheckDb } from './database.ts';
import type { OutboxItem } from './rows.ts';

export async function enqueueScan(scan: BatchScan, db: FastCheckDb = database()): Promise<void> {
  await db.outbox.add({ scan_id: scan.scan_id, scan, attempts: 0, last_error: null });
}

export async function oldestPending(limit: number, db: FastCheckDb = database()): Promise<OutboxItem[]> {
  return db.outbox.orderBy('seq').limit(limit).toArray();
}

export async function pendingCount(db: FastCheckDb = database()): Promise<number> {
  return db.outbox.count();
}

export async function hasPendingFor(ticketCodes: string[], db: FastCheckDb = database()): Promise<Set<string>> {
  if (ticketCodes.length === 0) return new Set();
  const wanted = new Set(ticketCodes);
  const pending = new Set<string>();
  await db.outbox.each((item) => {
    if (wanted.has(item.scan.ticket_code)) pending.add(item.scan.ticket_code);
  });
  return pending;
}

export async function removeAnswered(scanIds: string[], db: FastCheckDb = database()): Promise<void> {
  await db.outbox.where('scan_id').anyOf(scanIds).delete();
}

export async function markAttempt(scanIds: string[], error: string, db: FastCheckDb = database()): Promise<void> {
  await db.outbox
    .where('scan_id')
    .anyOf(scanIds)
    .modify((item) => {
      item.attempts += 1;
      item.last_error = error;
    });
}
