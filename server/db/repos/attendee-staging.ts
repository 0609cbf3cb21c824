// Bulk attendee writes through a staging table: the rows go in with COPY (the fastest way
// into Postgres), then one INSERT … SELECT … ON CONFLICT merges them, so the attendee
// triggers (delta-sync stamps, counters) run exactly as for any other write. The staging
// table is temporary and dropped at commit: it never outlives the import's transaction.
import { sql } from 'drizzle-orm';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { DbOrTx } from '../client.ts';
import { mergeAttendees, upsertAttendees, type AttendeeUpsert } from './attendees.ts';

/** COPY text format: backslash, tab, newline and carriage return escaped; null is \N. */
const specials = /[\\\t\n\r]/;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const field = (s: string) => (specials.test(s) ? s.replace(/[\\\t\n\r]/g, (ch) => escapes[ch]) : s);

function copyLine(r: AttendeeUpsert): string {
  return `${field(r.ticket_code)}\t${field(r.first_name)}\t${field(r.last_name)}\t${field(r.email)}\t${r.ticket_type_id ?? '\\N'}\t${r.checkins_allowed}\t${r.status}\n`;
}

const CHUNK_ROWS = 2000;

/** The rows as COPY text, in chunks (so the database starts reading before the last is built). */
function* copyChunks(rows: AttendeeUpsert[]): Generator<string> {
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    let chunk = '';
    const end = Math.min(rows.length, start + CHUNK_ROWS);
    for (let i = start; i < end; i++) chunk += copyLine(rows[i]);
    yield chunk;
  }
}

/** What drizzle's sessions hold: postgres.js's `sql` (tagged template with .writable()), or a PGlite handle. */
interface RawClient {
  unsafe?: (text: string) => { writable(): Promise<Writable> };
  query?: (text: string, params?: unknown[], options?: { blob?: Blob }) => Promise<unknown>;
}

const rawClient = (tx: DbOrTx) => (tx as unknown as { session: { client: RawClient } }).session.client;

/** How this transaction's driver takes COPY data, if it does. */
function copier(tx: DbOrTx): ((rows: AttendeeUpsert[]) => Promise<void>) | undefined {
  const client = rawClient(tx);
  // postgres.js: COPY FROM STDIN through a writable stream (it takes bytes, not strings).
  const unsafe = client.unsafe;
  if (typeof unsafe === 'function') {
    return async (rows) => {
      const writable = await unsafe.call(client, 'copy import_staging from stdin').writable();
      await pipeline(Readable.from(copyChunks(rows), { objectMode: false }), writable);
    };
  }
  // PGlite (in a worker or not): COPY FROM the blob the query carries.
  const query = client.query;
  if (typeof query === 'function') {
    return async (rows) => {
      await query.call(client, `copy import_staging from '/dev/blob'`, [], { blob: new Blob([...copyChunks(rows)]) });
    };
  }
  return undefined;
}

const FALLBACK_BATCH = 5000;

export type AttendeeChunkWriter = (rows: AttendeeUpsert[]) => Promise<{ inserted: number; updated: number }>;

/**
 * A writer of an import's rows in the caller's transaction, one chunk at a time (codes
 * distinct across all chunks), counting what each chunk changed. With COPY: each chunk goes
 * into the staging table, is merged, and the staging table is emptied for the next.
 */
export function importedAttendeesWriter(tx: DbOrTx, eventId: string): AttendeeChunkWriter {
  const copy = copier(tx);
  if (!copy) {
    // A driver without COPY: batched JSON upserts, as fast as they go.
    return async (rows) => {
      const counts = { inserted: 0, updated: 0 };
      for (let start = 0; start < rows.length; start += FALLBACK_BATCH) {
        const n = await upsertAttendees(tx, eventId, { source: 'import', rows: rows.slice(start, start + FALLBACK_BATCH) });
        counts.inserted += n.inserted;
        counts.updated += n.updated;
      }
      return counts;
    };
  }
  let staged = false;
  return async (rows) => {
    if (staged) await tx.execute(sql`truncate import_staging`);
    else
      await tx.execute(sql`create temp table import_staging (
        ticket_code text, first_name text, last_name text, email text,
        ticket_type_id uuid, checkins_allowed integer, status attendee_status) on commit drop`);
    staged = true;
    await copy(rows);
    return mergeAttendees(tx, eventId, 'import', sql`import_staging r`);
  };
}
