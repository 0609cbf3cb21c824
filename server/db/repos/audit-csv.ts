// SQL of the audit CSV export: the audit page's rows (same filters, newest first), each made
// into its CSV line by Postgres, so Node only joins text. The cell rules are csvCell's
// (server/checkin/audit-log.ts), byte for byte: a cell a spreadsheet would run as a formula
// (leading = + - @ tab CR) gets a ' in front, and one holding " , CR or LF is quoted.
import { and, eq, lt, type SQL, sql } from 'drizzle-orm';
import { cursorBatches, type DbOrTx, resultRows } from '../client.ts';
import { attendees, checkIns, devices, entrances } from '../schema.ts';
import { type AuditFilters, attendeeNameSql, auditConditions } from './check-ins.ts';
import { voidRow } from './void-columns.ts';

/**
 * A text value as csvCell writes it ('' for null). `v` is a plain column of the row (it is
 * named several times here; each regular expression is compiled once per statement).
 */
const cell = (v: SQL) => {
  const defused = sql`(case when ${v} ~ E'^[-=+@\\t\\r]' then '''' || ${v} else ${v} end)`;
  return sql`(case when ${v} is null then '' when ${v} ~ E'[",\\r\\n]' then '"' || replace(${defused}, '"', '""') || '"' else ${defused} end)`;
};
/** A timestamp as `Date.toISOString()` writes it (both keep milliseconds, cut not rounded). */
const iso = (v: SQL) => sql`coalesce(to_char(${v} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '')`;
/** A value that never needs quoting or defusing (enum, uuid, boolean). */
const plain = (v: SQL) => sql`coalesce(${v}::text, '')`;

/** The export's columns in CSV_COLUMNS' order (server/checkin/audit-log.ts): the row's value and how it is written. */
const columns: Array<[name: string, value: SQL | { getSQL(): SQL }, write: (v: SQL) => SQL]> = [
  ['received_at', checkIns.receivedAt, iso],
  ['scanned_at', checkIns.scannedAt, iso],
  ['kind', checkIns.kind, plain],
  ['verdict', checkIns.verdict, plain],
  ['message', checkIns.message, cell],
  ['ticket_code', checkIns.ticketCode, cell],
  ['attendee_name', attendeeNameSql, cell],
  ['direction', checkIns.direction, plain],
  ['entrance', entrances.name, cell],
  ['device', devices.name, cell],
  ['offline', checkIns.offline, plain],
  ['local_verdict', checkIns.localVerdict, plain],
  ['server_verdict', checkIns.serverVerdict, plain],
  ['clock_skew_ms', sql`${checkIns.clockSkewMs}::text`, cell],
  ['phone_scanned_at', checkIns.phoneScannedAt, iso],
  ['time_flag', checkIns.timeFlag, plain],
  ['conflict_with_scan_id', checkIns.conflictWithScanId, plain],
  ['voids_scan_id', checkIns.voidsScanId, plain],
  ['voided_by_scan_id', voidRow.scanId, plain],
  ['reason', checkIns.reason, cell],
  ['scan_id', checkIns.scanId, plain],
];

const rowColumns = sql.join(
  columns.map(([name, value]) => sql`${value} as ${sql.identifier(name)}`),
  sql`, `,
);
/** One line per row, newline included, over the subquery's columns (each computed once there). */
const csvLine = sql`${sql.join(
  columns.map(([name, , write]) => write(sql`r.${sql.identifier(name)}`)),
  sql` || ',' || `,
)} || E'\\n'`;

/**
 * The export's rows as `{ id, line }`, newest first; `page` pages them by id (PGlite). The
 * rows are read in a subquery (offset 0 keeps the planner from folding it in), so the line's
 * expressions read each value once instead of working out, say, the attendee's name ten times.
 */
async function csvQuery(db: DbOrTx, eventId: string, f: Omit<AuditFilters, 'limit'>, page?: { before?: number; limit: number }): Promise<SQL> {
  const where = and(await auditConditions(db, eventId, f), page?.before ? lt(checkIns.id, page.before) : undefined);
  return sql`select r.id, ${csvLine} as line from (
      select ${checkIns.id} as id, ${rowColumns}
        from ${checkIns}
        left join ${attendees} on ${eq(attendees.id, checkIns.attendeeId)}
        left join ${entrances} on ${eq(entrances.id, checkIns.entranceId)}
        left join ${devices} on ${eq(devices.id, checkIns.deviceId)}
        left join ${checkIns} as ${voidRow} on ${eq(voidRow.voidsScanId, checkIns.scanId)}
       where ${where}
       order by ${checkIns.id} desc ${page ? sql`limit ${page.limit}` : sql``} offset 0
    ) r
    order by r.id desc`;
}

/** Rows per FETCH (Postgres) or per page (PGlite). */
const BATCH = 2000;

/**
 * The CSV lines of the filtered audit, newest first, a batch at a time (each chunk ends in
 * a newline). Postgres reads one cursor; PGlite pages by id, one short query each, so other
 * requests get their turn on its one connection between pages.
 */
export async function* auditCsvChunks(db: DbOrTx, eventId: string, f: Omit<AuditFilters, 'limit'>): AsyncGenerator<string> {
  const cursor = cursorBatches<{ line: string }>(db, await csvQuery(db, eventId, f), BATCH);
  if (cursor) {
    for await (const rows of cursor) yield joinLines(rows);
    return;
  }
  let before: number | undefined;
  for (;;) {
    const list = resultRows<{ id: number | string; line: string }>(await db.execute(await csvQuery(db, eventId, f, { before, limit: BATCH })));
    if (list.length > 0) yield joinLines(list);
    if (list.length < BATCH) return;
    before = Number(list[list.length - 1].id);
  }
}

function joinLines(rows: ReadonlyArray<{ line: string }>): string {
  let text = '';
  for (const r of rows) text += r.line;
  return text;
}
