// A ticket checked in directly in Tickera before FastCheck's next sync can be admitted
// again at a FastCheck door; Tickera then refuses the write-back. That is a double
// admission like any other: recorded once as a `tickera_conflict` audit row (so it is in
// the audit log, the live conflict count and every door's conflict feed), in the same
// transaction that closes the outbox row as failed.
import { createHash } from 'node:crypto';
import type { AppDeps } from '../app-env.ts';
import { publishRecorded } from '../checkin/events.ts';
import { getCheckIn, insertCheckIns } from '../db/repos/check-ins.ts';
import { finishWriteback, type OutboxRow } from '../db/repos/tickera-outbox.ts';

/** The conflict's own scan id, derived from the admission's: a repeat records nothing new. */
export function tickeraConflictScanId(admissionScanId: string): string {
  const h = createHash('sha1').update(`tickera-conflict:${admissionScanId}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** `tickeraAt` is Tickera's own wording of its earlier check-in ("June 14, 2025 - 6:02 pm"), if known. */
export async function recordTickeraDoubleAdmission(deps: AppDeps, row: OutboxRow, tickeraAt: string | null): Promise<void> {
  const now = deps.clock.now();
  const message = `Admitted, but already checked in at Tickera${tickeraAt ? ` (${tickeraAt})` : ''}: review`;
  await deps.database.db.transaction(async (tx) => {
    const admission = await getCheckIn(tx, row.scanId);
    if (admission) {
      await insertCheckIns(tx, [
        {
          scanId: tickeraConflictScanId(row.scanId),
          kind: 'tickera_conflict',
          eventId: row.eventId,
          attendeeId: admission.attendeeId,
          ticketCode: admission.ticketCode,
          deviceId: admission.deviceId,
          entranceId: admission.entranceId,
          direction: 'in',
          verdict: 'conflict',
          message,
          scannedAt: admission.scannedAt,
          receivedAt: now,
          offline: admission.offline,
          localVerdict: null,
          clockSkewMs: null,
          conflictWithScanId: admission.scanId,
          result: null,
        },
      ]);
    }
    await finishWriteback(
      tx,
      row.id,
      'failed',
      `Tickera recorded it as Fail: already checked in there${tickeraAt ? ` (${tickeraAt})` : ''}; a conflict to review`,
    );
  });
  publishRecorded(deps, row.eventId, [], { conflictsChanged: true });
}
