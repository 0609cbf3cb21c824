// SQL of the console's conflicts inbox: the cases (double admissions, Tickera double
// admissions, offline refusals the server holds valid), the scans of each with who voided
// them, and the reviews kept in conflict_reviews. check_ins is only read here; a review is
// one appended row, and a case's state is its latest resolve or reopen (open without one):
// a void is evidence in the case, not its end (a case stays open until someone resolves it).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ConflictCaseKind, ConflictReviewAction, ConflictState } from '../../../shared/protocol/value-lists.ts';
import type { Verdict } from '../../../shared/protocol/common.ts';
import { resultRows, type DbOrTx } from '../client.ts';
import { checkIns, conflictReviews, devices, entrances, users } from '../schema.ts';
import { joinVoid, voidColumns, type VoidFields } from './void-columns.ts';

export interface CaseRow {
  id: number;
  scanId: string;
  kind: ConflictCaseKind;
  state: ConflictState;
  ticketCode: string;
  attendeeName: string | null;
  message: string;
  /** The case's own scan and the other scan of it (null where there is none), not yet in scan-time order. */
  scanIds: string[];
}

export interface CaseFilter {
  state: ConflictState | 'all';
  beforeId?: number;
  limit: number;
}

/** True when the case's latest resolve / reopen is a resolve. */
const resolvedSql = sql`coalesce((select r.action = 'resolve' from conflict_reviews r
  where r.scan_id = c.scan_id and r.action <> 'annotate' order by r.id desc limit 1), false)`;
/** The two kinds of case, over check_ins `c`: conflicts (also Tickera's), and offline refusals the server holds valid. */
const conflictCaseSql = sql`c.verdict = 'conflict'`;
const refusedValidCaseSql = sql`c.server_verdict = 'accepted' and c.verdict <> 'conflict'`;

/**
 * Cases of one event, newest first by audit id. Each kind is read through its own index
 * (conflicts by verdict, refusals through the disputed index) and only the page is merged,
 * so the list never walks the event's whole history.
 */
export async function listCases(db: DbOrTx, eventId: string, f: CaseFilter): Promise<CaseRow[]> {
  const before = f.beforeId ?? Number.MAX_SAFE_INTEGER;
  const state = f.state === 'all' ? sql`true` : f.state === 'resolved' ? resolvedSql : sql`not ${resolvedSql}`;
  const rows = resultRows<{
    id: string | number;
    scan_id: string;
    kind: string;
    verdict: Verdict | null;
    ticket_code: string;
    attendee_name: string | null;
    message: string;
    resolved: boolean;
    other_scan_id: string | null;
  }>(
    await db.execute(sql`with picked as (
        (select c.id, ${resolvedSql} as resolved from check_ins c
          where c.event_id = ${eventId} and ${conflictCaseSql} and c.id < ${before} and ${state}
          order by c.id desc limit ${f.limit})
        union all
        (select c.id, ${resolvedSql} from check_ins c
          where c.event_id = ${eventId} and ${refusedValidCaseSql} and c.id < ${before} and ${state}
          order by c.id desc limit ${f.limit})
      )
      select c.id, c.scan_id, c.kind, c.verdict, c.ticket_code, c.message, p.resolved,
             nullif(trim(coalesce(a.first_name, '') || ' ' || coalesce(a.last_name, '')), '') as attendee_name,
             case when c.verdict = 'conflict' then c.conflict_with_scan_id else later.scan_id end as other_scan_id
        from picked p
        join check_ins c on c.id = p.id
        left join attendees a on a.id = c.attendee_id
        left join lateral (
          select x.scan_id from check_ins x
           where c.verdict <> 'conflict' and x.attendee_id = c.attendee_id and x.kind = 'scan' and x.direction = 'in'
             and x.verdict in ('accepted', 'conflict') and x.scanned_at >= c.scanned_at
           order by x.scanned_at, x.id limit 1
        ) later on true
       order by c.id desc
       limit ${f.limit}`),
  );
  return rows.map((r) => {
    const kind: ConflictCaseKind =
      r.kind === 'tickera_conflict' ? 'tickera_double_admission' : r.verdict === 'conflict' ? 'double_admission' : 'refused_offline_valid';
    // A Tickera double admission's own row copies the door's admission: show the admission only.
    const scanIds = kind === 'tickera_double_admission' ? [r.other_scan_id ?? r.scan_id] : [r.scan_id, ...(r.other_scan_id ? [r.other_scan_id] : [])];
    return {
      id: Number(r.id),
      scanId: r.scan_id,
      kind,
      state: r.resolved ? 'resolved' : 'open',
      ticketCode: r.ticket_code,
      attendeeName: r.attendee_name,
      message: r.message,
      scanIds,
    };
  });
}

/**
 * How many cases the inbox's Open filter lists, without walking the audit: the event's
 * conflicts (voided ones too: a void does not close a case) and offline refusals the server
 * holds valid, each counted on an index alone (check_ins_event_verdict_idx, and the partial
 * check_ins_event_refused_valid_idx of drizzle/0017), less the cases whose latest resolve /
 * reopen is a resolve (an event's reviews are few; conflict_reviews_event_scan_idx).
 */
export const openCaseCountSql = (eventId: string) =>
  sql`select
        (select count(*) from check_ins c where c.event_id = ${eventId} and ${conflictCaseSql})
      + (select count(*) from check_ins c where c.event_id = ${eventId} and ${refusedValidCaseSql})
      - (select count(*) from (
           select distinct on (r.scan_id) r.scan_id, r.action from conflict_reviews r
            where r.event_id = ${eventId} and r.action <> 'annotate'
            order by r.scan_id, r.id desc
         ) latest
         join check_ins c on c.scan_id = latest.scan_id
         where latest.action = 'resolve' and c.event_id = ${eventId} and (${conflictCaseSql} or ${refusedValidCaseSql}))
      as n`;

/** The number the live tile shows: the inbox's open cases of the event. */
export async function openCaseCount(db: DbOrTx, eventId: string): Promise<number> {
  const [row] = resultRows<{ n: string | number }>(await db.execute(openCaseCountSql(eventId)));
  return Number(row?.n ?? 0);
}

/** The case whose key is `scanId` in this event, whatever its state; undefined when that scan makes no case. */
export async function getCase(db: DbOrTx, eventId: string, scanId: string): Promise<CaseRow | undefined> {
  const [row] = await db
    .select({ id: checkIns.id })
    .from(checkIns)
    .where(
      and(
        eq(checkIns.eventId, eventId),
        eq(checkIns.scanId, scanId),
        sql`(${checkIns.verdict} = 'conflict' or (${checkIns.serverVerdict} = 'accepted' and ${checkIns.verdict} <> 'conflict'))`,
      ),
    );
  if (!row) return undefined;
  const [found] = await listCases(db, eventId, { state: 'all', beforeId: row.id + 1, limit: 1 });
  return found?.scanId === scanId ? found : undefined;
}

export interface CaseScanRow extends VoidFields {
  scanId: string;
  verdict: Verdict | null;
  localVerdict: Verdict | null;
  serverVerdict: Verdict | null;
  direction: 'in' | 'out';
  offline: boolean;
  scannedAt: Date;
  receivedAt: Date;
  entrance: string | null;
  device: string | null;
  message: string;
}

/** The scans named, with their entrance, device and the void of each (who and why). */
export async function caseScans(db: DbOrTx, scanIds: string[]): Promise<Map<string, CaseScanRow>> {
  if (scanIds.length === 0) return new Map();
  const rows = await joinVoid(
    db
      .select({
        scanId: checkIns.scanId,
        verdict: checkIns.verdict,
        localVerdict: checkIns.localVerdict,
        serverVerdict: checkIns.serverVerdict,
        direction: checkIns.direction,
        offline: checkIns.offline,
        scannedAt: checkIns.scannedAt,
        receivedAt: checkIns.receivedAt,
        entrance: entrances.name,
        device: devices.name,
        message: checkIns.message,
        ...voidColumns,
      })
      .from(checkIns)
      .leftJoin(entrances, eq(entrances.id, checkIns.entranceId))
      .leftJoin(devices, eq(devices.id, checkIns.deviceId))
      .$dynamic(),
  ).where(inArray(checkIns.scanId, scanIds));
  return new Map(rows.map((r) => [r.scanId, r]));
}

export interface ReviewRow {
  scanId: string;
  action: ConflictReviewAction;
  note: string | null;
  at: Date;
  userId: string | null;
  userEmail: string | null;
  userName: string | null;
}

/** Every review of the cases named, oldest first. */
export async function caseReviews(db: DbOrTx, scanIds: string[]): Promise<ReviewRow[]> {
  if (scanIds.length === 0) return [];
  return db
    .select({
      scanId: conflictReviews.scanId,
      action: conflictReviews.action,
      note: conflictReviews.note,
      at: conflictReviews.at,
      userId: users.id,
      userEmail: users.email,
      userName: users.name,
    })
    .from(conflictReviews)
    .leftJoin(users, eq(users.id, conflictReviews.userId))
    .where(inArray(conflictReviews.scanId, scanIds))
    .orderBy(asc(conflictReviews.id));
}

export interface ReviewWrite {
  eventId: string;
  scanId: string;
  action: ConflictReviewAction;
  note: string | null;
  userId: string;
  at: Date;
}

export async function insertReview(db: DbOrTx, w: ReviewWrite): Promise<void> {
  await db.insert(conflictReviews).values(w);
}
