// Voiding an admitted scan: a new `void` row that references it (the original stays, the
// table is append-only), and the attendee's allowance is given back when the scan had used
// one. One void per scan, enforced by a unique index.
import { randomUUID } from 'node:crypto';
import type { AuditRow } from '../../shared/protocol/audit.ts';
import type { AppDeps } from '../app-env.ts';
import { getCheckIn, insertCheckIns, listCheckIns, lockAttendeeById, writeAttendeeStates, type CheckInRow } from '../db/repos/check-ins.ts';
import { AppError, notFound } from '../http/app-error.ts';
import { auditRow } from './audit-log.ts';
import { publishRecorded } from './events.ts';

export interface VoidActor {
  deviceId: string | null;
  userId: string | null;
}

const usedAllowance = (row: CheckInRow) => row.verdict === 'accepted' && row.direction === 'in' && !(row.result as { reentry?: boolean } | null)?.reentry;

export async function findVoidable(deps: AppDeps, scanId: string): Promise<CheckInRow> {
  const row = await getCheckIn(deps.database.db, scanId);
  // A Tickera double admission is voided like a conflict from reconciliation: reviewed, resolved.
  if (row?.kind !== 'scan' && row?.kind !== 'tickera_conflict') throw notFound('Scan');
  return row;
}

export async function voidScan(deps: AppDeps, original: CheckInRow, actor: VoidActor, reason: string): Promise<AuditRow> {
  if (!(original.verdict === 'accepted' || original.verdict === 'conflict') || original.direction !== 'in') {
    throw new AppError('conflict', 409, 'Only an admitted scan (accepted or conflict) can be voided');
  }
  const now = deps.clock.now();
  const scanId = randomUUID();
  try {
    await deps.database.db.transaction(async (tx) => {
      if (original.attendeeId !== null && usedAllowance(original)) {
        const a = await lockAttendeeById(tx, original.attendeeId);
        if (a) {
          const used = Math.max(0, a.checkinsUsed - 1);
          await writeAttendeeStates(tx, [{ id: original.attendeeId, checkinsUsed: used, inside: used === 0 ? false : a.inside }]);
        }
      }
      await insertCheckIns(tx, [
        {
          scanId,
          kind: 'void',
          eventId: original.eventId,
          attendeeId: original.attendeeId,
          ticketCode: original.ticketCode,
          deviceId: actor.deviceId,
          userId: actor.userId,
          entranceId: original.entranceId,
          direction: original.direction,
          verdict: null,
          message: `Voided: ${reason}`,
          scannedAt: now,
          receivedAt: now,
          offline: false,
          localVerdict: null,
          clockSkewMs: null,
          conflictWithScanId: null,
          voidsScanId: original.scanId,
          reason,
          result: null,
        },
      ]);
    });
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    if ((e.cause?.code ?? e.code) === '23505') throw new AppError('conflict', 409, 'This scan was already voided');
    throw err;
  }
  publishRecorded(deps, original.eventId, [], { conflictsChanged: original.verdict === 'conflict' });
  const [mine] = await listCheckIns(deps.database.db, original.eventId, { scanId, limit: 1 });
  return auditRow(mine);
}
