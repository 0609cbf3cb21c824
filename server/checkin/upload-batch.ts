// The outbox upload (POST /api/v1/mobile/scans and /api/v1/check-in/batch): the envelope is
// checked strictly, each item on its own, so one bad item gets its own error while the
// others are recorded. What is still off in the phone's clock is measured from its `sent_at`
// and applied to every scan; a time the server cannot believe is recorded at the receive time
// and flagged, never refused.
import { storableSkewMs, uploadedScanTimes, uploadSkewMs } from '../../shared/clock-skew.ts';
import { fieldIssues } from '../../shared/errors.ts';
import { batchScanSchema, type ScansBatchResponse } from '../../shared/protocol/scans-batch.ts';
import type { AppDeps } from '../app-env.ts';
import { signal } from '../metrics/signals.ts';
import { itemError, recordScans, type IncomingScan, type ScanningDevice } from './record-scans.ts';

export async function uploadBatch(deps: AppDeps, device: ScanningDevice, body: { scans: unknown[]; sent_at: string }): Promise<ScansBatchResponse> {
  const now = deps.clock.now();
  signal.scanUpload(deps.bus, { scans: body.scans.length });
  // What is still off after the phone's own correction (all of it for a phone that sent none).
  const residualSkewMs = uploadSkewMs(now, new Date(body.sent_at));
  const items = body.scans.map((raw, i) => {
    const parsed = batchScanSchema.safeParse(raw);
    if (parsed.success) {
      const s = parsed.data;
      const { scannedAt, ...times } = uploadedScanTimes(now, residualSkewMs, new Date(s.scanned_at), s.clock_offset_ms ?? null);
      return {
        scanId: s.scan_id,
        ticketCode: s.ticket_code,
        scannedAt,
        times,
        entranceId: s.entrance_id,
        direction: s.direction,
        offline: s.offline,
        localVerdict: s.local_verdict ?? null,
      } satisfies IncomingScan;
    }
    const scanId = typeof (raw as { scan_id?: unknown })?.scan_id === 'string' ? String((raw as { scan_id: string }).scan_id).slice(0, 64) : null;
    const issues = fieldIssues(parsed.error).map((x) => ({ ...x, path: `scans.${i}.${x.path}` }));
    const e = itemError(scanId, 'validation_failed', `${issues[0].path}: ${issues[0].message}`);
    return { ...e, error: { ...e.error, details: { issues } } };
  });
  // The device's skew: what the phone added to its clock plus what is still off (first valid scan).
  const firstValid = items.find((i) => !('error' in i));
  const deviceSkew =
    (firstValid && !('error' in firstValid) ? firstValid.times.clockSkewMs : null) ?? storableSkewMs(now.getTime() - new Date(body.sent_at).getTime());
  const results = await recordScans(deps, device, items, { clockSkewMs: deviceSkew, expectRepeats: true, source: 'upload' });
  return { results, server_time: deps.clock.now().toISOString() };
}
