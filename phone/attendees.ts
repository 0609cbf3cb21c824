// The phone's copy of the attendee list, keyed by ticket code, with folded copies of names
// and email (searchFold: no accents, lower case, so "muller" finds "Müller") indexed for
// offline search; `code_lc` is the code's match key
// (ticketCodeKey), so a code typed in any case is found as the server finds it. A delta from the server never undoes
// a local admission that is still waiting in the outbox.
import type { PhoneAttendee } from '../shared/protocol/attendees-delta.ts';
import type { ScanAttendee } from '../shared/protocol/check-in.ts';
import { searchFold } from '../shared/search-fold.ts';
import { normalizeTicketCode, pickTicket, ticketCodeKey } from '../shared/ticket-code.ts';
import { database, type FastCheckDb } from './database.ts';
import { hasPendingFor } from './outbox.ts';
import type { CachedAttendee } from './rows.ts';

export function toCached(a: PhoneAttendee): CachedAttendee {
  return {
    ...a,
    code_lc: ticketCodeKey(a.ticket_code),
    first_lc: searchFold(a.first_name),
    last_lc: searchFold(a.last_name),
    email_lc: searchFold(a.email),
  };
}

export const fullName = (a: Pick<PhoneAttendee, 'first_name' | 'last_name'>) => `${a.first_name} ${a.last_name}`.trim();

/** Stores a page of the server's list. Tickets with scans still in the outbox keep their local counts. */
export async function applyAttendees(rows: PhoneAttendee[], db: FastCheckDb = database()): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction('rw', [db.attendees, db.outbox], async () => {
    const pending = await hasPendingFor(
      rows.map((r) => r.ticket_code),
      db,
    );
    let local = new Map<string, CachedAttendee>();
    if (pending.size > 0) {
      const kept = await db.attendees.bulkGet([...pending]);
      local = new Map(kept.filter((a): a is CachedAttendee => !!a).map((a) => [a.ticket_code, a]));
    }
    const cached = rows.map((r) => {
      const mine = local.get(r.ticket_code);
      const row = toCached(r);
      if (mine && mine.checkins_used >= r.checkins_used) {
        row.checkins_used = mine.checkins_used;
        row.inside = mine.inside;
      }
      return row;
    });
    await db.attendees.bulkPut(cached);
  });
}

export async function getAttendee(ticketCode: string, db: FastCheckDb = database()): Promise<CachedAttendee | undefined> {
  return db.attendees.get(ticketCode);
}

/**
 * The stored ticket a scanned or typed text means, matched as the event says (exact case, or
 * by key; two codes differing only by case match only exactly): see shared/ticket-code.ts.
 */
export async function findTicket(typed: string, db: FastCheckDb = database()): Promise<CachedAttendee | undefined> {
  const code = normalizeTicketCode(typed);
  if (!code) return undefined;
  const [session, same, keyed] = await Promise.all([
    db.session.get('current'),
    db.attendees.get(code),
    db.attendees.where('code_lc').equals(ticketCodeKey(code)).toArray(),
  ]);
  return pickTicket(code, same ? [same, ...keyed] : keyed, (a) => a.ticket_code, session?.event.ticket_code_exact_case === true);
}

export async function countAttendees(db: FastCheckDb = database()): Promise<number> {
  return db.attendees.count();
}

/** After the server answered a scan: its view of the ticket's state is the truth. */
export async function applyServerState(ticketCode: string, state: ScanAttendee | null, db: FastCheckDb = database()): Promise<void> {
  if (!state) return;
  await db.attendees.update(ticketCode, { checkins_used: state.checkins_used, inside: state.inside });
}

const SEARCH_LIMIT = 20;

/**
 * Name, email or ticket-code prefix search over the local list, folded as the server folds
 * ("muller" finds "Müller"). The first word uses an index; every further word must prefix
 * some field of the same attendee ("ana gar").
 */
export async function searchAttendees(query: string, db: FastCheckDb = database()): Promise<CachedAttendee[]> {
  const words = searchFold(query).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const [first, ...rest] = words;
  const matchesAll = (a: CachedAttendee) =>
    rest.every((w) => a.first_lc.startsWith(w) || a.last_lc.startsWith(w) || a.email_lc.startsWith(w) || a.code_lc.startsWith(w));
  const found = new Map<string, CachedAttendee>();
  for (const index of ['last_lc', 'first_lc', 'email_lc', 'code_lc'] as const) {
    if (found.size >= SEARCH_LIMIT) break;
    const rows = await db.attendees
      .where(index)
      .startsWith(first)
      .filter(matchesAll)
      .limit(SEARCH_LIMIT - found.size)
      .toArray();
    for (const r of rows) found.set(r.ticket_code, r);
  }
  return [...found.values()].sort((a, b) => a.last_lc.localeCompare(b.last_lc) || a.first_lc.localeCompare(b.first_lc));
}
