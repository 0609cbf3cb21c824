// The conflict feed of one event for its phones: every door learns about the conflicts
// reconciliation found, whichever door's upload arrived second. Read-only.
import type { ConflictsQuery, ConflictsResponse, EventConflict } from '../../shared/protocol/conflicts.ts';
import type { AppDeps } from '../app-env.ts';
import { conflictsSince, type ConflictCursor, type ConflictFeedRow } from '../db/repos/conflicts.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

function parseConflictCursor(since: string | undefined): ConflictCursor {
  if (!since || since === '0') return { xid: 0, id: 0 };
  const [xid, id] = since.split('.').map(Number);
  return { xid, id };
}

function toConflict(r: ConflictFeedRow): EventConflict {
  return {
    scan_id: r.scan_id,
    ticket_code: r.ticket_code,
    attendee_name: r.attendee_name,
    scanned_at: iso(r.scanned_at),
    entrance: r.entrance,
    device: r.device,
    conflict_with: r.with_scan_id && r.with_at ? { scan_id: r.with_scan_id, at: iso(r.with_at), entrance: r.with_entrance, device: r.with_device } : null,
    message: r.message,
    voided: Boolean(r.voided),
  };
}

export async function eventConflicts(deps: AppDeps, eventId: string, query: ConflictsQuery): Promise<ConflictsResponse> {
  const serverTime = deps.clock.now().toISOString();
  const rows = await conflictsSince(deps.database.db, eventId, parseConflictCursor(query.since), query.limit + 1);
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return {
    conflicts: page.map(toConflict),
    next_cursor: last ? `${last.feed_xid}.${last.feed_id}` : (query.since ?? '0'),
    has_more: hasMore,
    server_time: serverTime,
  };
}
