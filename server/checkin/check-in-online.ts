// POST /api/v1/check-in: one scan decided by the server while the phone waits. The event
// is the token's; a repeated scan id answers the stored result and writes nothing.
import type { CheckInRequestParsed, ScanResult } from '../../shared/protocol/check-in.ts';
import type { AppDeps } from '../app-env.ts';
import { AppError } from '../http/app-error.ts';
import { recordScans, type ScanningDevice } from './record-scans.ts';

export async function checkInOnline(deps: AppDeps, device: ScanningDevice, body: CheckInRequestParsed): Promise<ScanResult> {
  const [result] = await recordScans(
    deps,
    device,
    [
      {
        scanId: body.scan_id,
        ticketCode: body.ticket_code,
        scannedAt: body.scanned_at ? new Date(body.scanned_at) : deps.clock.now(),
        entranceId: body.entrance_id,
        direction: body.direction,
        offline: false,
      },
    ],
    { clockSkewMs: null, expectRepeats: false },
  );
  if ('error' in result) {
    const { code, message, details } = result.error;
    throw new AppError(code === 'conflict' ? 'conflict' : 'validation_failed', code === 'conflict' ? 409 : 400, message, details);
  }
  return result;
}
