// The audit log as the console reads it: filtered, newest first, keyset-paged, and as CSV
// (streamed as the database writes it; cells that a spreadsheet would run as formulas are defused).
import type { AuditListResponse, AuditQuery, AuditRow } from '../../shared/protocol/audit.ts';
import type { DbOrTx } from '../db/client.ts';
import { auditCsvChunks } from '../db/repos/audit-csv.ts';
import { listCheckIns, type AuditFilters, type AuditRecord } from '../db/repos/check-ins.ts';
import { actorUser, voidInfo } from './audit-actors.ts';

export function auditRow(r: AuditRecord): AuditRow {
  return {
    scan_id: r.scanId,
    kind: r.kind,
    verdict: r.verdict,
    message: r.message,
    ticket_code: r.ticketCode,
    attendee_name: r.attendeeName,
    direction: r.direction,
    entrance_id: r.entranceId,
    entrance: r.entranceName,
    device_id: r.deviceId,
    device: r.deviceName,
    user_id: r.userId,
    user: actorUser(r.userId, r.userEmail, r.userName),
    scanned_at: r.scannedAt.toISOString(),
    received_at: r.receivedAt.toISOString(),
    offline: r.offline,
    local_verdict: r.localVerdict,
    server_verdict: r.serverVerdict,
    clock_skew_ms: r.clockSkewMs,
    phone_scanned_at: r.phoneScannedAt ? r.phoneScannedAt.toISOString() : null,
    time_flag: r.timeFlag,
    conflict_with_scan_id: r.conflictWithScanId,
    voids_scan_id: r.voidsScanId,
    voided_by_scan_id: r.voidedByScanId,
    voided_by: voidInfo(r),
    reason: r.reason,
  };
}

export function auditFilters(q: AuditQuery): AuditFilters {
  return {
    verdict: q.verdict,
    entranceId: q.entrance_id,
    deviceId: q.device_id,
    offline: q.offline,
    conflictsOnly: q.conflicts_only,
    serverVerdict: q.server_verdict,
    disputedOnly: q.disputed_only,
    since: q.since ? new Date(q.since) : undefined,
    until: q.until ? new Date(q.until) : undefined,
    q: q.q || undefined,
    beforeId: q.cursor ? Number(q.cursor) : undefined,
    limit: q.limit,
  };
}

export async function auditPage(db: DbOrTx, eventId: string, q: AuditQuery): Promise<AuditListResponse> {
  const filters = auditFilters(q);
  const rows = await listCheckIns(db, eventId, { ...filters, limit: filters.limit + 1 });
  const page = rows.slice(0, filters.limit);
  return { check_ins: page.map(auditRow), next_cursor: rows.length > filters.limit ? String(page[page.length - 1].id) : null };
}

const CSV_COLUMNS: Array<keyof AuditRow> = [
  'received_at',
  'scanned_at',
  'kind',
  'verdict',
  'message',
  'ticket_code',
  'attendee_name',
  'direction',
  'entrance',
  'device',
  'offline',
  'local_verdict',
  'server_verdict',
  'clock_skew_ms',
  'phone_scanned_at',
  'time_flag',
  'conflict_with_scan_id',
  'voids_scan_id',
  'voided_by_scan_id',
  'reason',
  'scan_id',
];

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line of an audit row: the rule the export's SQL (db/repos/audit-csv.ts) keeps byte for byte. */
export function csvLine(w: AuditRow): string {
  return `${CSV_COLUMNS.map((k) => csvCell(w[k])).join(',')}\n`;
}

/** The CSV text: the header, then the filtered rows newest first, built by the database a batch at a time. */
export async function* auditCsv(db: DbOrTx, eventId: string, q: AuditQuery): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\n`;
  const { beforeId: _cursor, limit: _limit, ...filters } = auditFilters(q);
  yield* auditCsvChunks(db, eventId, filters);
}
