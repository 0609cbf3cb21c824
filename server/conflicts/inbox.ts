// The conflicts inbox as the console reads it: a page of cases, each with its scans side by
// side in scan-time order (who entered first comes first), who voided which and why, and
// its reviews. Reading only: reviews are written by review-case.ts.
import type { InboxCase, InboxPage, InboxQuery, InboxScan } from '../../shared/protocol/conflict-inbox.ts';
import { actorUser, voidInfo } from '../checkin/audit-actors.ts';
import type { DbOrTx } from '../db/client.ts';
import { caseReviews, caseScans, listCases, type CaseRow, type CaseScanRow, type ReviewRow } from '../db/repos/conflict-inbox.ts';

function inboxScan(s: CaseScanRow): InboxScan {
  return {
    scan_id: s.scanId,
    verdict: s.verdict,
    local_verdict: s.localVerdict,
    server_verdict: s.serverVerdict,
    direction: s.direction,
    offline: s.offline,
    scanned_at: s.scannedAt.toISOString(),
    received_at: s.receivedAt.toISOString(),
    entrance: s.entrance,
    device: s.device,
    message: s.message,
    voided: voidInfo(s),
  };
}

/** Scan time first; the audit's own order breaks a tie (the scan recorded first entered first). */
const byScanTime = (a: CaseScanRow, b: CaseScanRow) => a.scannedAt.getTime() - b.scannedAt.getTime() || a.receivedAt.getTime() - b.receivedAt.getTime();

/** Cases with their scans and reviews, three queries for the whole page. */
export async function assembleCases(db: DbOrTx, rows: CaseRow[]): Promise<InboxCase[]> {
  const keys = rows.map((r) => r.scanId);
  const [scans, reviews] = await Promise.all([caseScans(db, [...new Set(rows.flatMap((r) => r.scanIds))]), caseReviews(db, keys)]);
  const reviewsOf = new Map<string, ReviewRow[]>();
  for (const r of reviews) reviewsOf.set(r.scanId, [...(reviewsOf.get(r.scanId) ?? []), r]);
  return rows.map((r) => ({
    scan_id: r.scanId,
    kind: r.kind,
    state: r.state,
    ticket_code: r.ticketCode,
    attendee_name: r.attendeeName,
    message: r.message,
    scans: r.scanIds
      .map((id) => scans.get(id))
      .filter((s): s is CaseScanRow => s !== undefined)
      .sort(byScanTime)
      .map(inboxScan),
    reviews: (reviewsOf.get(r.scanId) ?? []).map((x) => ({
      action: x.action,
      note: x.note,
      user: actorUser(x.userId, x.userEmail, x.userName),
      at: x.at.toISOString(),
    })),
  }));
}

export async function inboxPage(db: DbOrTx, eventId: string, q: InboxQuery): Promise<InboxPage> {
  const rows = await listCases(db, eventId, { state: q.state, beforeId: q.cursor ? Number(q.cursor) : undefined, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  return { cases: await assembleCases(db, page), next_cursor: rows.length > q.limit ? String(page[page.length - 1].id) : null };
}
