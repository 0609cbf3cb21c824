// GET /api/v1/mobile/attendees: the phone's copy of the attendee list, from the start
// (cursor "0") or only what changed since its cursor ("xid.seq"), including check-ins at
// other doors and revocations. Deleted rows do not exist: tickets are revoked, never deleted.
// Every answer carries the event's rules version; the whole setup (event, entrances, ticket
// types) rides along only when the phone's version differs, so an unchanged poll costs one
// primary-key probe more.
import type { AttendeesDeltaQuery, AttendeesDeltaResponse } from '../../shared/protocol/attendees-delta.ts';
import type { AppDeps } from '../app-env.ts';
import { phoneEventSetup } from '../auth/phone-login.ts';
import { attendeesChangedSince, type DeltaCursor } from '../db/repos/attendees-delta.ts';
import { loadEventSetup, loadRulesVersion } from '../db/repos/devices.ts';

export function parseCursor(since: string | undefined): DeltaCursor {
  if (!since || since === '0') return { xid: 0, seq: 0 };
  const [xid, seq] = since.split('.').map(Number);
  return { xid, seq };
}

export const isFullDownload = (since: string | undefined) => !since || since === '0';

export async function attendeesDelta(deps: AppDeps, eventId: string, query: AttendeesDeltaQuery): Promise<AttendeesDeltaResponse> {
  const serverTime = deps.clock.now().toISOString();
  const cursor = parseCursor(query.since);
  const [rows, rulesVersion] = await Promise.all([
    attendeesChangedSince(deps.database.db, eventId, cursor, query.limit + 1),
    loadRulesVersion(deps.database.db, eventId),
  ]);
  const setup =
    query.rules_version !== undefined && rulesVersion !== undefined && query.rules_version !== rulesVersion
      ? await loadEventSetup(deps.database.db, eventId)
      : undefined;
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return {
    attendees: page.map((r) => ({
      ticket_code: r.ticket_code,
      first_name: r.first_name,
      last_name: r.last_name,
      email: r.email,
      ticket_type_id: r.ticket_type_id,
      checkins_allowed: Number(r.checkins_allowed),
      checkins_used: Number(r.checkins_used),
      inside: Boolean(r.inside),
      status: r.status,
      change_seq: Number(r.change_seq),
    })),
    next_cursor: last ? `${last.change_xid}.${last.change_seq}` : (query.since ?? '0'),
    has_more: hasMore,
    server_time: serverTime,
    rules_version: setup ? Number(setup.event.rulesVersion) : rulesVersion,
    ...(setup ? { rules: phoneEventSetup(setup) } : {}),
  };
}
