// The outbox upload (POST /api/v1/mobile/scans and /api/v1/check-in/batch): the envelope is
// checked strictly, each item on its own, so one bad item gets its own error while the
// others are recorded. The phone's clock skew is measured from its `sent_at`.
import { fieldIssues } from '../../shared/errors.ts';
import { batchScanSchema, type ScansBatchResponse } from '../../shared/protocol/scans-batch.ts';
import type { AppDeps } from '../app-env.ts';
import { itemError, recordScans, type IncomingScan, type ScanningDevice } from './record-scans.ts';

export async function uploadBatch(deps: AppDeps, device: ScanningDevice, body: { scans: unknown[]; sent_at: string }): Promise<ScansBatchResponse> {
  const clockSkewMs = deps.clock.now().getTime() - new Date(body.sent_at).getTime();
  const items = body.scans.map((raw, i) => {
    const parsed = batchScanSchema.safeParse(raw);
    if (parsed.success) {
      const s = parsed.data;
      return {
        scanId: s.scan_id,
        ticketCode: s.ticket_code,
        scannedAt: new Date(s.scanned_at),
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
  // Stored as an int4: a clock off by more than ~24 days is recorded at the bound.
  const skew = Math.max(-2e9, Math.min(2e9, Math.round(clockSkewMs)));
  const results = await recordScans(deps, device, items, { clockSkewMs: skew, expectRepeats: true });
  return { results, server_time: deps.clock.now().toISOString() };
}
