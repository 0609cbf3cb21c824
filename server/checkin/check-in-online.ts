// POST /api/v1/check-in: one scan decided by the server while the phone waits. The event
// is the token's; a repeated scan id answers the stored result and writes nothing. The scan
// is judged at the server's time; the phone's raw time and skew go to the audit row.
import type { CheckInRequestParsed, ScanResult } from '../../shared/protocol/check-in.ts';
import { onlineScanTimes } from '../../shared/clock-skew.ts';
import type { AppDeps } from '../app-env.ts';
import { AppError } from '../http/app-error.ts';
import { recordScans, type ScanningDevice } from './record-scans.ts';

export async function checkInOnline(deps: AppDeps, device: ScanningDevice, body: CheckInRequestParsed): Promise<ScanResult> {
  // Judged at the server's own time: a phone clock minutes off neither refuses nor admits.
  const { scannedAt, ...times } = onlineScanTimes(deps.clock.now(), body.scanned_at ? new Date(body.scanned_at) : null, body.clock_offset_ms ?? null);
  const [result] = await recordScans(
    deps,
    device,
    [
      {
        scanId: body.scan_id,
        ticketCode: body.ticket_code,
        scannedAt,
        times,
        entranceId: body.entrance_id,
        direction: body.direction,
        offline: false,
      },
    ],
    { clockSkewMs: null, expectRepeats: false, source: 'online' },
  );
  if ('error' in result) {
    const { code, message, details } = result.error;
    throw new AppError(code === 'conflict' ? 'conflict' : 'validation_failed', code === 'conflict' ? 409 : 400, message, details);
  }
  return result;
}
