// A check-in by hand from the console (a supervisor or organiser at the desk) and its undo.
// Recorded like any scan (recordScans: same verdict, same counts, same Tickera write-back),
// with the console user in the audit row instead of a phone; the undo is a void with a reason,
// recorded with the user. Both only for the attendee named in the path.
import { randomUUID } from 'node:crypto';
import type { ManualCheckInRequest } from '../../shared/protocol/attendee-desk.ts';
import type { AuditRow } from '../../shared/protocol/audit.ts';
import type { ScanResult } from '../../shared/protocol/check-in.ts';
import type { AppDeps } from '../app-env.ts';
import { getAttendeeRow } from '../db/repos/attendees.ts';
import { AppError, notFound } from '../http/app-error.ts';
import { recordScans } from './record-scans.ts';
import { findVoidable, voidScan } from './void-scan.ts';

export interface DeskActor {
  eventId: string;
  userId: string;
}

export async function checkInByHand(deps: AppDeps, actor: DeskActor, attendeeId: number, body: ManualCheckInRequest): Promise<ScanResult> {
  const attendee = await getAttendeeRow(deps.database.db, actor.eventId, attendeeId);
  if (!attendee) throw notFound('Attendee');
  const [result] = await recordScans(
    deps,
    { eventId: actor.eventId, userId: actor.userId, deviceId: null, entranceId: null },
    [
      {
        scanId: randomUUID(),
        ticketCode: attendee.ticketCode,
        scannedAt: deps.clock.now(),
        entranceId: body.entrance_id,
        direction: body.direction,
        offline: false,
      },
    ],
    { clockSkewMs: null, expectRepeats: false, source: 'online' },
  );
  if ('error' in result) throw new AppError('validation_failed', 400, result.error.message, result.error.details);
  return result;
}

export async function undoByHand(deps: AppDeps, actor: DeskActor, attendeeId: number, scanId: string, reason: string): Promise<AuditRow> {
  const original = await findVoidable(deps, scanId);
  if (original.eventId !== actor.eventId || original.attendeeId !== attendeeId) throw notFound('Scan');
  return voidScan(deps, original, { deviceId: null, userId: actor.userId }, reason);
}
