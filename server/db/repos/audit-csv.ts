// SQL of the audit CSV export: the audit page's rows (same filters, newest first), each made
// into its CSV line by Postgres, so Node only joins text. The cell rules are csvCell's
// (server/checkin/audit-log.ts), byte for byte: a cell a spreadsheet would run as a formula
// (leading = + - @ tab CR) gets a ' in front, and one holding " , CR or LF is quoted.
import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import { cursorBatches, type DbOrTx, resultRows } from '../client.ts';
import { attendees, checkIns, devices, entrances } from '../schema.ts';
import { type AuditFilters, attendeeNameSql, auditConditions } from './check-ins.ts';
import { voidRow } from './void-columns.ts';

/** A text value as csvCell writes it ('' for null). */
export function csvCellSql(value: SQL | SQL.Aliased | { getSQL(): SQL }): SQL {
  const v = sql`(${value})::text`;
  const defused = sql`(case when left(${v}, 1) in ('=', '+', '-', '@', E'\\t', E'\\r') then '''' else '' end || ${v})`;
  return sql`case when ${v} is null then '' when strpos(${v}, '"') > 0 or strpos(${v}, ',') > 0 or strpos(${v}, E'\\n') > 0 or strpos(${v}, E'\\r') > 0
    then '"' || replace(${defused}, '"', '""') || '"' else ${defused} end`;
}

/** A timestamp as `Date.toISOString()` writes it (both keep milliseconds, cut not rounded). */
const iso = (value: SQL | { getSQL(): SQL }) => sql`coalesce(to_char((${value}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '')`;
/** A value that never needs quoting or defusing (enum, uuid, boolean). */
const plain = (value: { getSQL(): SQL }) => sql`coalesce((${value})::text, '')`;

/** One line per row, in CSV_COLUMNS' order (server/checkin/audit-log.ts). */
const csvLine = sql.join(
  [
    iso(checkIns.receivedAt),
    iso(checkIns.scannedAt),
    plain(checkIns.kind),
    plain(checkIns.verdict),
    csvCellSql(checkIns.message),
    csvCellSql(checkIns.ticketCode),
    csvCellSql(attendeeNameSql),
    plain(checkIns.direction),
    csvCellSql(entrances.name),
    csvCellSql(devices.name),
    plain(checkIns.offline),
    plain(checkIns.localVerdict),
    plain(checkIns.serverVerdict),
    csvCellSql(checkIns.clockSkewMs),
    iso(checkIns.phoneScannedAt),
    plain(checkIns.timeFlag),
    plain(checkIns.conflictWithScanId),
    plain(checkIns.voidsScanId),
    plain(voidRow.scanId),
    csvCellSql(checkIns.reason),
    plain(checkIns.scanId),
  ],
  sql` || ',' || `,
);

/** The export's rows as `{ id, line }`, newest first; `before`/`limit` page it by id (PGlite). */
async function csvQuery(db: DbOrTx, eventId: string, f: Omit<AuditFilters, 'limit'>, page?: { before?: number; limit: number }): Promise<SQL> {
  const where = and(await auditConditions(db, eventId, f), page?.before ? lt(checkIns.id, page.before) : undefined);
  const query = db
    .select({ id: checkIns.id, line: sql<string>`${csvLine} || E'\\n'`.as('line') })
    .from(checkIns)
    .leftJoin(attendees, eq(attendees.id, checkIns.attendeeId))
    .leftJoin(entrances, eq(entrances.id, checkIns.entranceId))
    .leftJoin(devices, eq(devices.id, checkIns.deviceId))
    .leftJoin(voidRow, eq(voidRow.voidsScanId, checkIns.scanId))
    .where(where)
    .orderBy(desc(checkIns.id))
    .$dynamic();
  return (page ? query.limit(page.limit) : query).getSQL();
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
