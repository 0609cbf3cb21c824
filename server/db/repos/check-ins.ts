// SQL of the scan path: the event context a decision needs, attendee rows locked in id
// order (so overlapping batches from two doors never deadlock), stored results of scan ids
// seen before, first admissions, and the writes. check_ins is append-only.
import { and, desc, eq, gte, isNotNull, lt, notExists, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AttendeeStatus, Direction, Verdict } from '../../../shared/protocol/common.ts';
import type { CheckInKind, ScanTimeFlag } from '../../../shared/protocol/value-lists.ts';
import type { DbOrTx } from '../client.ts';
import { preparedRows, statement, statementRows } from '../client.ts';
import { attendees, checkIns, devices, entrances, users } from '../schema.ts';
import { escapeLike, matchingWords } from './attendees.ts';
import { joinVoid, voidColumns, type VoidFields } from './void-columns.ts';

/** A Postgres array literal, passed as one text parameter (same on postgres.js and PGlite). */
export function pgArray(values: ReadonlyArray<string | number | boolean>): string {
  return `{${values.map((v) => (typeof v === 'string' ? `"${v.replace(/["\\]/g, '\\$&')}"` : String(v))).join(',')}}`;
}

// The scan path is the measured hot path (bench/checkin*.bench.ts): its statements keep a
// fixed, hand-written text so postgres.js runs them as named prepared statements (parsed
// and planned once per connection). Everything else in server/db uses the query builder.
const rows = <T>(db: DbOrTx, query: SQL) => preparedRows<T>(db, query);
const toDate = (v: unknown) => (v == null ? null : v instanceof Date ? v : new Date(String(v)));

export interface ScanEntrance {
  id: string;
  name: string;
  allowedTicketTypeIds: string[];
  opensAt: Date | null;
  closesAt: Date | null;
}

/** The event's scanning rules: what a decision needs besides the attendee. */
export interface EventRules {
  eventId: string;
  startsAt: Date | null;
  endsAt: Date | null;
  reentryAllowed: boolean;
  /** Ticket codes match exactly as stored; otherwise by their case-folded key. */
  ticketCodeExactCase: boolean;
  timezone: string;
  doorsOpenMinutesBefore: number;
  /** Rehearsal switched on (active only until doors open: shared/rehearsal.ts). */
  rehearsal: boolean;
  entrances: Map<string, ScanEntrance>;
  /** Ticket type names by id. */
  ticketTypes: Map<string, string>;
}

/** The event with its entrances and ticket types, in one round trip. */
export async function loadEventRules(db: DbOrTx, eventId: string): Promise<EventRules | undefined> {
  const [row] = await rows<Record<string, unknown>>(
    db,
    sql`select e.starts_at, e.ends_at, e.reentry_allowed, e.ticket_code_exact_case, e.timezone, e.doors_open_minutes_before, e.rehearsal,
          coalesce((select json_agg(json_build_object('id', x.id, 'name', x.name, 'allowed', x.allowed_ticket_type_ids,
                     'opens_at', x.opens_at, 'closes_at', x.closes_at)) from entrances x where x.event_id = e.id), '[]') as entrances,
          coalesce((select json_object_agg(t.id, t.name) from ticket_types t where t.event_id = e.id), '{}') as ticket_types
        from events e where e.id = ${eventId}`,
  );
  if (!row) return undefined;
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  const list = json(row.entrances) as Array<Record<string, unknown>>;
  return {
    eventId,
    startsAt: toDate(row.starts_at),
    endsAt: toDate(row.ends_at),
    reentryAllowed: Boolean(row.reentry_allowed),
    ticketCodeExactCase: row.ticket_code_exact_case === true || row.ticket_code_exact_case === 't',
    timezone: String(row.timezone),
    doorsOpenMinutesBefore: Number(row.doors_open_minutes_before),
    rehearsal: row.rehearsal === true || row.rehearsal === 't',
    ticketTypes: new Map(Object.entries(json(row.ticket_types) as Record<string, string>)),
    entrances: new Map(
      list.map((x) => [
        String(x.id),
        {
          id: String(x.id),
          name: String(x.name),
          allowedTicketTypeIds: (x.allowed as string[]) ?? [],
          opensAt: toDate(x.opens_at),
          closesAt: toDate(x.closes_at),
        },
      ]),
    ),
  };
}

export interface DeviceState {
  deviceName: string | null;
  /**
   * The device's credential is neither revoked nor expired at `now`, nor the device revoked (the
   * devices board), and the token is the device row's latest sign-in (its generation).
   */
  credentialLive: boolean;
}

/** Two primary-key probes in one statement: the device's name, revocation and generation, and its credential's liveness. */
export async function loadDeviceState(db: DbOrTx, session: { deviceId: string; credentialId: string; generation: number }, now: Date): Promise<DeviceState> {
  const { deviceId, credentialId, generation } = session;
  const [row] = await statementRows<Record<string, unknown>>(
    db,
    statement`select d.name as device_name,
          d.revoked_at is null and d.session_generation = ${generation}::int and coalesce((select revoked_at is null and (expires_at is null or expires_at > ${now.toISOString()}::timestamptz)
                    from scanner_credentials where id = ${credentialId}::uuid), false) as credential_live
        from (select 1) as one left join devices d on d.id = ${deviceId}::uuid`,
  );
  return { deviceName: (row?.device_name as string | null) ?? null, credentialLive: row?.credential_live === true || row?.credential_live === 't' };
}

export interface LockedAttendee {
  id: number;
  ticketCode: string;
  name: string;
  status: AttendeeStatus;
  ticketTypeId: string | null;
  ticketTypeName: string | null;
  checkinsAllowed: number;
  checkinsUsed: number;
  inside: boolean;
}

/**
 * The attendees whose codes have these case-folded keys (`ticketCodeKey`), locked FOR UPDATE in
 * id order; the caller picks which one a scanned code means (`pickTicket`), so one statement
 * serves events matching either way, without waiting for the event's rules. `ticketTypeName` is
 * left null. `lower(… collate "C")` is the expression of attendees_event_code_key_ci_idx.
 */
export async function lockAttendees(tx: DbOrTx, eventId: string, keys: string[]): Promise<LockedAttendee[]> {
  if (keys.length === 0) return [];
  // One code (the online path) takes the simplest plan; a batch locks in id order.
  // checkins_used here counts Tickera's earlier check-ins too (see usedCheckinsSql).
  const list = await statementRows<Record<string, unknown>>(
    tx,
    keys.length === 1
      ? statement`select id, ticket_code, first_name, last_name, status, ticket_type_id, checkins_allowed,
               checkins_used + external_checkins as checkins_used, inside
        from attendees where event_id = ${eventId}::uuid and lower(ticket_code collate "C") = ${keys[0]}::text
        order by id for update`
      : statement`select id, ticket_code, first_name, last_name, status, ticket_type_id, checkins_allowed,
               checkins_used + external_checkins as checkins_used, inside
        from attendees where event_id = ${eventId}::uuid and lower(ticket_code collate "C") = any(${pgArray(keys)}::text[])
        order by id for update`,
  );
  return list.map((r) => ({
    id: Number(r.id),
    ticketCode: String(r.ticket_code),
    name: `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim(),
    status: r.status as AttendeeStatus,
    ticketTypeId: (r.ticket_type_id as string | null) ?? null,
    ticketTypeName: null,
    checkinsAllowed: Number(r.checkins_allowed),
    checkinsUsed: Number(r.checkins_used),
    inside: Boolean(r.inside),
  }));
}

export interface StoredScan {
  scanId: string;
  eventId: string;
  result: unknown;
}

export async function storedScans(db: DbOrTx, scanIds: string[]): Promise<Map<string, StoredScan>> {
  if (scanIds.length === 0) return new Map();
  const list = await rows<{ scan_id: string; event_id: string; result: unknown }>(
    db,
    sql`select scan_id, event_id, result from check_ins where scan_id = any(${pgArray(scanIds)}::uuid[])`,
  );
  return new Map(
    list.map((r) => [r.scan_id, { scanId: r.scan_id, eventId: r.event_id, result: typeof r.result === 'string' ? JSON.parse(r.result) : r.result }]),
  );
}

export interface FirstAdmission {
  attendeeId: number;
  scanId: string;
  at: Date;
  entrance: string | null;
  device: string | null;
}

/** Each attendee's earliest accepted `in` scan that was not voided. */
export async function firstAdmissions(db: DbOrTx, attendeeIds: number[]): Promise<Map<number, FirstAdmission>> {
  if (attendeeIds.length === 0) return new Map();
  const list = await rows<Record<string, unknown>>(
    db,
    sql`select distinct on (c.attendee_id) c.attendee_id, c.scan_id, c.scanned_at, en.name as entrance, d.name as device
        from check_ins c
        left join entrances en on en.id = c.entrance_id
        left join devices d on d.id = c.device_id
        where c.attendee_id = any(${pgArray(attendeeIds)}::bigint[]) and c.kind = 'scan' and c.verdict = 'accepted'
          and c.direction = 'in' and not exists (select 1 from check_ins v where v.voids_scan_id = c.scan_id)
        order by c.attendee_id, c.scanned_at, c.id`,
  );
  return new Map(
    list.map((r) => [
      Number(r.attendee_id),
      {
        attendeeId: Number(r.attendee_id),
        scanId: String(r.scan_id),
        at: toDate(r.scanned_at)!,
        entrance: (r.entrance as string | null) ?? null,
        device: (r.device as string | null) ?? null,
      },
    ]),
  );
}

export interface AttendeeStateWrite {
  id: number;
  checkinsUsed: number;
  inside: boolean;
}

/**
 * Writes decided states back. `checkinsUsed` is the total the decision saw (ours plus the
 * check-ins Tickera had made before the sync), so Tickera's share is taken off again: the
 * row is locked, so external_checkins cannot have moved in between.
 */
export async function writeAttendeeStates(tx: DbOrTx, states: AttendeeStateWrite[]): Promise<void> {
  if (states.length === 0) return;
  if (states.length === 1) {
    const [one] = states;
    await statementRows(
      tx,
      statement`update attendees set checkins_used = greatest(0, ${one.checkinsUsed}::int - external_checkins), inside = ${one.inside}::bool where id = ${one.id}::bigint`,
    );
    return;
  }
  await rows(
    tx,
    sql`update attendees a set checkins_used = greatest(0, v.used - a.external_checkins), inside = v.inside
    from unnest(${pgArray(states.map((s) => s.id))}::bigint[], ${pgArray(states.map((s) => s.checkinsUsed))}::int[],
                ${pgArray(states.map((s) => s.inside))}::bool[]) as v(id, used, inside)
    where a.id = v.id`,
  );
}

export interface CheckInWrite {
  scanId: string;
  kind?: CheckInKind;
  eventId: string;
  attendeeId: number | null;
  ticketCode: string;
  deviceId: string | null;
  userId?: string | null;
  entranceId: string | null;
  direction: Direction;
  verdict: Verdict | null;
  message: string;
  scannedAt: Date;
  /** The phone's own clock at the scan, uncorrected. */
  phoneScannedAt?: Date | null;
  /** Set when the phone's time was not believable (scannedAt is then the receive time). */
  timeFlag?: ScanTimeFlag | null;
  receivedAt: Date;
  offline: boolean;
  localVerdict: Verdict | null;
  /** What the server would have said of a scan decided at the door offline, where it differs. */
  serverVerdict?: Verdict | null;
  clockSkewMs: number | null;
  conflictWithScanId: string | null;
  voidsScanId?: string | null;
  reason?: string | null;
  result: unknown;
}

/** One audit row (the online path): a fixed statement, prepared once per connection. */
const insertOne = (w: CheckInWrite) =>
  statement`insert into check_ins (scan_id, kind, event_id, attendee_id, ticket_code, device_id, user_id, entrance_id, direction, verdict,
      message, scanned_at, received_at, offline, local_verdict, server_verdict, clock_skew_ms, conflict_with_scan_id, voids_scan_id, reason, result,
      phone_scanned_at, time_flag)
    values (${w.scanId}::uuid, ${w.kind ?? 'scan'}::check_in_kind, ${w.eventId}::uuid, ${w.attendeeId}::bigint, ${w.ticketCode}::text,
      ${w.deviceId}::uuid, ${w.userId ?? null}::uuid, ${w.entranceId}::uuid, ${w.direction}::scan_direction, ${w.verdict}::verdict,
      ${w.message}::text, ${w.scannedAt.toISOString()}::timestamptz, ${w.receivedAt.toISOString()}::timestamptz, ${w.offline}::bool,
      ${w.localVerdict}::verdict, ${w.serverVerdict ?? null}::verdict, ${w.clockSkewMs}::int, ${w.conflictWithScanId}::uuid, ${w.voidsScanId ?? null}::uuid,
      ${w.reason ?? null}::text, ${w.result === undefined || w.result === null ? null : JSON.stringify(w.result)}::jsonb,
      ${w.phoneScannedAt ? w.phoneScannedAt.toISOString() : null}::timestamptz, ${w.timeFlag ?? null}::scan_time_flag)
    on conflict (scan_id) do nothing returning scan_id`;

/** Inserts audit rows; a scan id already stored is skipped. Returns the ids inserted. */
export async function insertCheckIns(tx: DbOrTx, list: CheckInWrite[]): Promise<Set<string>> {
  if (list.length === 0) return new Set();
  if (list.length === 1) return new Set((await statementRows<{ scan_id: string }>(tx, insertOne(list[0]))).map((r) => r.scan_id));
  const inserted = await tx.insert(checkIns).values(list).onConflictDoNothing({ target: checkIns.scanId }).returning({ scanId: checkIns.scanId });
  return new Set(inserted.map((r) => r.scanId));
}

export type CheckInRow = typeof checkIns.$inferSelect;

export async function getCheckIn(db: DbOrTx, scanId: string): Promise<CheckInRow | undefined> {
  const [row] = await db.select().from(checkIns).where(eq(checkIns.scanId, scanId)).limit(1);
  return row;
}

/**
 * Check-ins a ticket has used, as every decision must see them: FastCheck's own plus those
 * Tickera had recorded before FastCheck synced the ticket (a ticket used at Tickera's own
 * app is not admitted again at a FastCheck door).
 */
export const usedCheckinsSql = sql<number>`(${attendees.checkinsUsed} + ${attendees.externalCheckins})::int`.mapWith(Number);

export async function lockAttendeeById(tx: DbOrTx, id: number): Promise<{ checkinsUsed: number; inside: boolean } | undefined> {
  const [row] = await tx.select({ checkinsUsed: usedCheckinsSql, inside: attendees.inside }).from(attendees).where(eq(attendees.id, id)).for('update');
  return row;
}

export interface AuditFilters {
  verdict?: Verdict;
  entranceId?: string;
  deviceId?: string;
  offline?: boolean;
  conflictsOnly?: boolean;
  /** Scans decided at the door offline where the server would have said this instead. */
  serverVerdict?: Verdict;
  /** Scans decided at the door offline where the server would have said otherwise. */
  disputedOnly?: boolean;
  since?: Date;
  until?: Date;
  q?: string;
  /** Rows with a smaller id than this (the keyset cursor). */
  beforeId?: number;
  /** Just this scan. */
  scanId?: string;
  /** One attendee's attempts and voids (check_ins_attendee_idx). */
  attendeeId?: number;
  limit: number;
}

export interface AuditRecord extends CheckInRow, VoidFields {
  attendeeName: string | null;
  entranceName: string | null;
  deviceName: string | null;
  /** The console user who made the row (a void from the console). */
  userEmail: string | null;
  userName: string | null;
}

const unvoid = alias(checkIns, 'w');

/** Up to this many attendees matched by a search are looked up by id; more are matched as the log is read. */
const FEW_ATTENDEES = 500;

/**
 * Rows whose attendee's folded name, email or code (search_key) contains every word of the
 * text, folded ("muller" finds Müller, as the attendees tab does), or, for codes that match
 * no attendee, whose scanned code contains the text; both found through trigram indexes
 * (drizzle/0016, drizzle/0010). A search that matches few attendees reads just their rows
 * (by attendee), collected first into an array, so the planner cannot put the page's joins
 * over the whole log before the match; one that matches many reads the log newest first,
 * where matches are dense. Neither reads the whole table.
 */
async function matchesText(db: DbOrTx, eventId: string, q: string): Promise<SQL> {
  const like = `%${escapeLike(q)}%`;
  const matching = matchingWords(q) ?? sql`true`;
  const unknownCode = sql`(${checkIns.attendeeId} is null and ${checkIns.ticketCode} ilike ${like})`;
  const few = await db
    .select({ id: attendees.id })
    .from(attendees)
    .where(and(eq(attendees.eventId, eventId), matching))
    .limit(FEW_ATTENDEES + 1);
  if (few.length > FEW_ATTENDEES) {
    return sql`(${checkIns.attendeeId} in (select ${attendees.id} from ${attendees} where ${attendees.eventId} = ${eventId} and ${matching}) or ${unknownCode})`;
  }
  const x = alias(checkIns, 'x');
  const ids = pgArray(few.map((a) => a.id));
  return sql`${checkIns.id} = any(array(select ${x.id} from ${checkIns} as ${x} where ${x.eventId} = ${eventId} and ${x.attendeeId} = any(${ids}::bigint[])
    union all select ${x.id} from ${checkIns} as ${x} where ${x.eventId} = ${eventId} and ${x.attendeeId} is null and ${x.ticketCode} ilike ${like}))`;
}

/** The WHERE of the audit log: the event and every filter (the page and the CSV export read the same rows). */
export async function auditConditions(db: DbOrTx, eventId: string, f: Omit<AuditFilters, 'limit'>): Promise<SQL | undefined> {
  const text = f.q ? await matchesText(db, eventId, f.q) : undefined;
  return and(
    eq(checkIns.eventId, eventId),
    f.verdict ? eq(checkIns.verdict, f.verdict) : undefined,
    f.entranceId ? eq(checkIns.entranceId, f.entranceId) : undefined,
    f.deviceId ? eq(checkIns.deviceId, f.deviceId) : undefined,
    f.offline !== undefined ? eq(checkIns.offline, f.offline) : undefined,
    // not exists (not the left join's null): the planner then walks the conflicts newest first.
    f.conflictsOnly
      ? and(eq(checkIns.verdict, 'conflict'), notExists(db.select({ one: sql`1` }).from(unvoid).where(eq(unvoid.voidsScanId, checkIns.scanId))))
      : undefined,
    f.serverVerdict ? eq(checkIns.serverVerdict, f.serverVerdict) : undefined,
    f.disputedOnly ? isNotNull(checkIns.serverVerdict) : undefined,
    f.since ? gte(checkIns.receivedAt, f.since) : undefined,
    f.until ? lt(checkIns.receivedAt, f.until) : undefined,
    f.beforeId ? lt(checkIns.id, f.beforeId) : undefined,
    f.scanId ? eq(checkIns.scanId, f.scanId) : undefined,
    f.attendeeId !== undefined ? eq(checkIns.attendeeId, f.attendeeId) : undefined,
    text,
  );
}

/** The attendee's name as the audit shows it (null when both parts are empty). */
export const attendeeNameSql = sql<string | null>`nullif(trim(coalesce(${attendees.firstName}, '') || ' ' || coalesce(${attendees.lastName}, '')), '')`;

/** Audit rows of one event, newest first, filtered; keyset-paged by id. */
export async function listCheckIns(db: DbOrTx, eventId: string, f: AuditFilters): Promise<AuditRecord[]> {
  const where = await auditConditions(db, eventId, f);
  const rows = await joinVoid(
    db
      .select({
        id: checkIns.id,
        scanId: checkIns.scanId,
        kind: checkIns.kind,
        eventId: checkIns.eventId,
        attendeeId: checkIns.attendeeId,
        ticketCode: checkIns.ticketCode,
        deviceId: checkIns.deviceId,
        userId: checkIns.userId,
        entranceId: checkIns.entranceId,
        direction: checkIns.direction,
        verdict: checkIns.verdict,
        message: checkIns.message,
        scannedAt: checkIns.scannedAt,
        receivedAt: checkIns.receivedAt,
        offline: checkIns.offline,
        localVerdict: checkIns.localVerdict,
        serverVerdict: checkIns.serverVerdict,
        clockSkewMs: checkIns.clockSkewMs,
        phoneScannedAt: checkIns.phoneScannedAt,
        timeFlag: checkIns.timeFlag,
        conflictWithScanId: checkIns.conflictWithScanId,
        voidsScanId: checkIns.voidsScanId,
        reason: checkIns.reason,
        attendeeName: attendeeNameSql,
        // Looked up per row (a page is a few dozen rows) rather than joined: nine joined tables
        // cost Postgres 25-45 ms of planning per page at a million rows, these cost none.
        entranceName: sql<string | null>`(select ${entrances.name} from ${entrances} where ${entrances.id} = ${checkIns.entranceId})`,
        deviceName: sql<string | null>`(select ${devices.name} from ${devices} where ${devices.id} = ${checkIns.deviceId})`,
        userEmail: sql<string | null>`(select ${users.email} from ${users} where ${users.id} = ${checkIns.userId})`,
        userName: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${checkIns.userId})`,
        ...voidColumns,
      })
      .from(checkIns)
      .leftJoin(attendees, eq(attendees.id, checkIns.attendeeId))
      .$dynamic(),
  )
    .where(where)
    .orderBy(desc(checkIns.id))
    .limit(f.limit);
  return rows.map((r) => ({ ...r, result: null }));
}
