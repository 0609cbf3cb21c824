// The phone's IndexedDB (Dexie), shared by the page and the service worker. Every
// version(n) stays here forever: a phone may still hold data from any earlier build, and
// Dexie upgrades it step by step. Components never touch tables: they call the table modules.
import Dexie, { type Table } from 'dexie';
import { searchFold } from '../shared/search-fold.ts';
import type { CachedAttendee, LocalScan, MetaRow, OutboxItem, StoredConflict, StoredSession } from './rows.ts';

export const DATABASE_NAME = 'fastcheck';

export class FastCheckDb extends Dexie {
  session!: Table<StoredSession, string>;
  attendees!: Table<CachedAttendee, string>;
  scans!: Table<LocalScan, string>;
  outbox!: Table<OutboxItem, number>;
  meta!: Table<MetaRow, string>;
  conflicts!: Table<StoredConflict, string>;

  constructor(name = DATABASE_NAME) {
    super(name);
    // v1: first release. Never edit; add version(2) below for any change.
    this.version(1).stores({
      session: 'key',
      attendees: 'ticket_code, code_lc, first_lc, last_lc, email_lc',
      scans: 'scan_id, ticket_code, verdict, state, scanned_at',
      outbox: '++seq, &scan_id',
      meta: 'key',
    });
    // v2: the event's conflicts from every door (GET /api/v1/mobile/conflicts).
    this.version(2).stores({
      conflicts: 'scan_id, scanned_at',
    });
    // v3: names and email folded for search (searchFold: "muller" finds "Müller"), not only
    // lower-cased; the same index fields, rewritten for the rows a phone already holds.
    this.version(3)
      .stores({})
      .upgrade((tx) =>
        tx
          .table<CachedAttendee, string>('attendees')
          .toCollection()
          .modify((a) => {
            a.first_lc = searchFold(a.first_name);
            a.last_lc = searchFold(a.last_name);
            a.email_lc = searchFold(a.email);
          }),
      );
  }
}

let shared: FastCheckDb | undefined;

/** The one open database of this context (page or service worker). */
export function database(): FastCheckDb {
  shared ??= new FastCheckDb();
  return shared;
}

/** For tests: use another database (e.g. a fresh fake-indexeddb name). */
export function useDatabase(db: FastCheckDb): void {
  shared = db;
}
