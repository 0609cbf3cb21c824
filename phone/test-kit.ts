// Test help for phone storage: a Dexie database as version 1 of the app left it (tables and
// indexes of that release), so upgrade tests start from what old phones still hold.
import Dexie from 'dexie';

/** A database of that name at the first release's schema, not yet opened; add later versions before use. */
export function versionOneDatabase(name: string): Dexie {
  const old = new Dexie(name);
  old.version(1).stores({
    session: 'key',
    attendees: 'ticket_code, code_lc, first_lc, last_lc, email_lc',
    scans: 'scan_id, ticket_code, verdict, state, scanned_at',
    outbox: '++seq, &scan_id',
    meta: 'key',
  });
  return old;
}
