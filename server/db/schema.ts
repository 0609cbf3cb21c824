// The FastCheck schema: the single source for drizzle-kit migrations. check_ins and
// admin_audit are append-only (enforced by triggers in the migrations); attendees get a
// (change_xid, change_seq) stamp on every write (trigger) so phones can pull deltas.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { verdicts } from '../../shared/protocol/common.ts';
import {
  attendeeStatuses,
  checkInKinds,
  conflictReviewActions,
  scanTimeFlags,
  credentialRoles,
  directions,
  eventSources,
  outboxStatuses,
  syncRunStatuses,
  userRoles,
} from '../../shared/protocol/value-lists.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();
const updatedAt = () => ts('updated_at').notNull().defaultNow();

export const userRole = pgEnum('user_role', userRoles);
export const eventSource = pgEnum('event_source', eventSources);
export const attendeeStatus = pgEnum('attendee_status', attendeeStatuses);
export const credentialRole = pgEnum('credential_role', credentialRoles);
export const scanDirection = pgEnum('scan_direction', directions);
export const verdict = pgEnum('verdict', verdicts);
export const checkInKind = pgEnum('check_in_kind', checkInKinds);
export const scanTimeFlag = pgEnum('scan_time_flag', scanTimeFlags);
export const conflictReviewAction = pgEnum('conflict_review_action', conflictReviewActions);
export const syncStatus = pgEnum('sync_status', syncRunStatuses);
export const outboxStatus = pgEnum('outbox_status', outboxStatuses);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull(),
    disabledAt: ts('disabled_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    lastSeenAt: ts('last_seen_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    location: text('location').notNull().default(''),
    /** IANA zone, for display only; all times are stored in UTC. */
    timezone: text('timezone').notNull().default('UTC'),
    startsAt: ts('starts_at'),
    endsAt: ts('ends_at'),
    reentryAllowed: boolean('reentry_allowed').notNull().default(false),
    /** Match ticket codes exactly as stored (default: ASCII case folded, see shared/ticket-code.ts). */
    ticketCodeExactCase: boolean('ticket_code_exact_case').notNull().default(false),
    source: eventSource('source').notNull().default('manual'),
    ownerId: uuid('owner_id').references(() => users.id),
    archivedAt: ts('archived_at'),
    tickeraSiteUrl: text('tickera_site_url'),
    /** AES-256-GCM ciphertext of the Tickera API key (never returned, never logged). */
    tickeraApiKeyEnc: text('tickera_api_key_enc'),
    /**
     * The Tickera event this FastCheck event takes its tickets from, when its key covers
     * several events (tickets_info's "Event" field); null: every ticket the key serves.
     */
    tickeraEventTitle: text('tickera_event_title'),
    tickeraStartConfirmed: boolean('tickera_start_confirmed').notNull().default(false),
    /** False while the end is one the server assumed (Tickera gives no end: start + 6 h) and the organiser has not confirmed. */
    endConfirmed: boolean('end_confirmed').notNull().default(true),
    /** Doors open this many minutes before the start, unless an entrance sets its own opening. */
    doorsOpenMinutesBefore: integer('doors_open_minutes_before').notNull().default(120),
    /** Rehearsal switched on: until doors open, doors judge scans without recording them (shared/rehearsal.ts). */
    rehearsal: boolean('rehearsal').notNull().default(false),
    tickeraWriteback: boolean('tickera_writeback').notNull().default(false),
    lastSyncedAt: ts('last_synced_at'),
    /**
     * Bumped by triggers (drizzle/0007) whenever what a phone decides by changes: the event's
     * window, re-entry and code case, and any ticket type or entrance of the event. Phones
     * compare it on every delta sync and take the whole setup again when it moved.
     */
    rulesVersion: bigint('rules_version', { mode: 'number' }).notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('events_window_order', sql`${t.endsAt} IS NULL OR ${t.startsAt} IS NULL OR ${t.endsAt} >= ${t.startsAt}`),
    check('events_doors_open_lead', sql`${t.doorsOpenMinutesBefore} BETWEEN 0 AND 1440`),
  ],
);

/** Organisers see the events they own and the ones they are granted here. */
export const eventGrants = pgTable(
  'event_grants',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] })],
);

export const ticketTypes = pgTable(
  'ticket_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    name: text('name').notNull(),
    externalId: text('external_id'),
    /** Check-ins allowed per ticket; 0 = unlimited. */
    checkinsAllowed: integer('checkins_allowed').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('ticket_types_event_name_key').on(t.eventId, t.name), check('ticket_types_checkins_allowed_nonneg', sql`${t.checkinsAllowed} >= 0`)],
);

export const entrances = pgTable(
  'entrances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    name: text('name').notNull(),
    /** Ticket types admitted here; empty = all. */
    allowedTicketTypeIds: uuid('allowed_ticket_type_ids').array().notNull().default(sql`'{}'::uuid[]`),
    opensAt: ts('opens_at'),
    closesAt: ts('closes_at'),
    /** Removed by an organiser: gone from lists and phones, kept for the audit rows that name it. */
    removedAt: ts('removed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // A removed entrance frees its name.
    uniqueIndex('entrances_event_name_key').on(t.eventId, t.name).where(sql`${t.removedAt} IS NULL`),
    check('entrances_window_order', sql`${t.closesAt} IS NULL OR ${t.opensAt} IS NULL OR ${t.closesAt} >= ${t.opensAt}`),
  ],
);

export const attendees = pgTable(
  'attendees',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    ticketCode: text('ticket_code').notNull(),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull().default(''),
    email: text('email').notNull().default(''),
    ticketTypeId: uuid('ticket_type_id').references(() => ticketTypes.id),
    /** Check-ins allowed for this ticket; 0 = unlimited. */
    checkinsAllowed: integer('checkins_allowed').notNull().default(1),
    checkinsUsed: integer('checkins_used').notNull().default(0),
    inside: boolean('inside').notNull().default(false),
    status: attendeeStatus('status').notNull().default('valid'),
    /** Check-ins Tickera had recorded before FastCheck saw the ticket (from allowed_checkins). */
    externalCheckins: integer('external_checkins').notNull().default(0),
    /** Transaction id and sequence of the last write, set by trigger: the delta-sync cursor. */
    changeXid: bigint('change_xid', { mode: 'number' }).notNull().default(0),
    changeSeq: bigint('change_seq', { mode: 'number' }).notNull().default(0),
    /**
     * Names, email and code folded for search (shared/search-fold.ts; the SQL function
     * fastcheck_fold in drizzle/0016 does the same steps). Only a write to one of those
     * columns recomputes it, so the scan path's updates never pay for it.
     */
    searchKey: text('search_key').notNull().generatedAlwaysAs(sql`fastcheck_fold(first_name || ' ' || last_name || ' ' || email || ' ' || ticket_code)`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('attendees_event_code_key').on(t.eventId, t.ticketCode),
    // The console's search: a substring of the folded key ("muller" finds "Müller"), any position.
    index('attendees_search_key_trgm_idx').using('gin', t.searchKey.op('gin_trgm_ops')),
    // The scan path's lookup: codes by their case-folded key (ticketCodeKey in shared/ticket-code.ts
    // is the same function as lower() under the "C" collation, whatever the database's locale).
    index('attendees_event_code_key_ci_idx').on(t.eventId, sql`lower(${t.ticketCode} collate "C")`),
    index('attendees_event_change_idx').on(t.eventId, t.changeXid, t.changeSeq),
    index('attendees_event_name_idx').on(t.eventId, sql`lower(${t.lastName})`, sql`lower(${t.firstName})`),
    index('attendees_event_email_idx').on(t.eventId, sql`lower(${t.email})`),
    check('attendees_counts_nonneg', sql`${t.checkinsAllowed} >= 0 AND ${t.checkinsUsed} >= 0 AND ${t.externalCheckins} >= 0`),
  ],
);

/** A scanner credential: a code shown once, stored as a hash; phones log in with it. */
export const scannerCredentials = pgTable(
  'scanner_credentials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    label: text('label').notNull(),
    role: credentialRole('role').notNull().default('door'),
    entranceId: uuid('entrance_id').references(() => entrances.id),
    credentialHash: text('credential_hash').notNull(),
    expiresAt: ts('expires_at'),
    revokedAt: ts('revoked_at'),
    lastUsedAt: ts('last_used_at'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('scanner_credentials_hash_key').on(t.credentialHash), index('scanner_credentials_event_idx').on(t.eventId)],
);

/** A phone signed in with a credential. */
export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    credentialId: uuid('credential_id')
      .notNull()
      .references(() => scannerCredentials.id),
    name: text('name').notNull().default(''),
    entranceId: uuid('entrance_id').references(() => entrances.id),
    lastSeenAt: ts('last_seen_at'),
    lastClockSkewMs: integer('last_clock_skew_ms'),
    /** What the phone last reported in its request headers (shared/protocol/device-report.ts); null until it does. */
    appVersion: text('app_version'),
    outboxCount: integer('outbox_count'),
    storagePersisted: boolean('storage_persisted'),
    lastSyncAt: ts('last_sync_at'),
    lastUploadAt: ts('last_upload_at'),
    /** Set from the devices board: this sign-in's token is refused from the next request on. */
    revokedAt: ts('revoked_at'),
    /** The phone installation's own id (login installation_id); null for phones that send none. */
    installationId: uuid('installation_id'),
    /** Bumped by each sign-in that reuses this row: only the token of the latest one is accepted. */
    sessionGeneration: integer('session_generation').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('devices_event_idx').on(t.eventId), uniqueIndex('devices_event_installation_key').on(t.eventId, t.installationId)],
);

/** Every scan attempt, and every void, exactly once. Never updated or deleted. */
export const checkIns = pgTable(
  'check_ins',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    scanId: uuid('scan_id').notNull(),
    kind: checkInKind('kind').notNull().default('scan'),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    attendeeId: bigint('attendee_id', { mode: 'number' }).references(() => attendees.id),
    ticketCode: text('ticket_code').notNull(),
    deviceId: uuid('device_id').references(() => devices.id),
    userId: uuid('user_id').references(() => users.id),
    entranceId: uuid('entrance_id').references(() => entrances.id),
    direction: scanDirection('direction').notNull().default('in'),
    verdict: verdict('verdict'),
    message: text('message').notNull().default(''),
    /**
     * The scan time on the server's clock: the phone's time corrected by its skew, the receive
     * time for an online scan, or the receive time when the phone's time was not believable.
     */
    scannedAt: ts('scanned_at').notNull(),
    /** The phone's own clock at the scan, uncorrected (null where no phone made it). */
    phoneScannedAt: ts('phone_scanned_at'),
    /** Set when the phone's time was not believable (`scanned_at` is then the receive time). */
    timeFlag: scanTimeFlag('time_flag'),
    /** The server's clock when the scan arrived. */
    receivedAt: ts('received_at').notNull().defaultNow(),
    offline: boolean('offline').notNull().default(false),
    localVerdict: verdict('local_verdict'),
    /**
     * For a scan decided at the door offline: what the server would have said, where it
     * differs from the verdict recorded (a conflict, or a refusal the server would not have made).
     */
    serverVerdict: verdict('server_verdict'),
    clockSkewMs: integer('clock_skew_ms'),
    /** For a conflict: the scan that had already used the allowance. */
    conflictWithScanId: uuid('conflict_with_scan_id'),
    /** For a void: the scan it voids. */
    voidsScanId: uuid('voids_scan_id'),
    reason: text('reason'),
    /** The stored answer, returned again when the same scan_id is repeated. */
    result: jsonb('result'),
  },
  (t) => [
    uniqueIndex('check_ins_scan_id_key').on(t.scanId),
    // The audit log pages newest first by id: each filter's index ends in id, so a page is
    // one short backward index scan however large the table (bench/live-stats.bench.ts).
    index('check_ins_event_id_idx').on(t.eventId, t.id),
    index('check_ins_event_received_idx').on(t.eventId, t.receivedAt),
    index('check_ins_event_verdict_idx').on(t.eventId, t.verdict, t.id),
    index('check_ins_attendee_idx').on(t.attendeeId, t.scannedAt),
    index('check_ins_event_device_idx').on(t.eventId, t.deviceId, t.id),
    index('check_ins_event_entrance_idx').on(t.eventId, t.entranceId, t.id),
    index('check_ins_event_disputed_idx').on(t.eventId, t.id).where(sql`${t.serverVerdict} IS NOT NULL`),
    // The inbox's offline refusals the server holds valid, counted for the live tile (index only).
    index('check_ins_event_refused_valid_idx').on(t.eventId).where(sql`${t.serverVerdict} = 'accepted' AND ${t.verdict} <> 'conflict'`),
    // Text search (drizzle/0010): a trigram index over the codes of unknown tickets only;
    // known tickets are found through their attendee (attendees_search_key_trgm_idx, drizzle/0016).

    // A scan is voided at most once; also answers "is this scan voided?".
    uniqueIndex('check_ins_voids_scan_key').on(t.voidsScanId).where(sql`${t.voidsScanId} IS NOT NULL`),
  ],
);

export const syncRuns = pgTable(
  'sync_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    status: syncStatus('status').notNull().default('running'),
    trigger: text('trigger').notNull().default('manual'),
    startedAt: ts('started_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
    pages: integer('pages').notNull().default(0),
    records: integer('records').notNull().default(0),
    total: integer('total'),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    revoked: integer('revoked').notNull().default(0),
    tickeraMs: integer('tickera_ms'),
    ownMs: integer('own_ms'),
    error: text('error'),
  },
  (t) => [
    index('sync_runs_event_idx').on(t.eventId, t.startedAt),
    // One running sync per event, enforced by the database.
    uniqueIndex('sync_runs_one_running_key').on(t.eventId).where(sql`${t.status} = 'running'`),
  ],
);

/** Durable queue of accepted check-ins to write back to Tickera. */
export const tickeraOutbox = pgTable(
  'tickera_outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    scanId: uuid('scan_id').notNull(),
    ticketCode: text('ticket_code').notNull(),
    scannedAt: ts('scanned_at').notNull(),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** True after a call whose outcome is unknown (timeout): read ticket_checkins before retrying. */
    uncertain: boolean('uncertain').notNull().default(false),
    /** How many entries ticket_checkins listed just before our check_in call: a later count above it means the call landed. */
    checkinsBefore: integer('checkins_before'),
    lastError: text('last_error'),
    /** When the row is next due; while claimed, when the claim's lease runs out (renewed by the owner's heartbeat). */
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    /** The worker instance holding the claim; null when unclaimed. Its writes are fenced on it. */
    claimedBy: text('claimed_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('tickera_outbox_scan_key').on(t.scanId),
    index('tickera_outbox_due_idx').on(t.status, t.nextAttemptAt),
    // One ticket's write-backs go out one at a time, oldest first (claim looks up its pending siblings).
    index('tickera_outbox_ticket_pending_idx').on(t.eventId, t.ticketCode, t.id).where(sql`${t.status} = 'pending'`),
  ],
);

/** Who changed what in the console. Append-only. */
export const adminAudit = pgTable(
  'admin_audit',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: ts('at').notNull().defaultNow(),
    userId: uuid('user_id').references(() => users.id),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    eventId: uuid('event_id').references(() => events.id),
    details: jsonb('details'),
  },
  (t) => [index('admin_audit_at_idx').on(t.at), index('admin_audit_event_idx').on(t.eventId, t.at)],
);

/**
 * The conflicts inbox's reviews: notes and resolve / reopen, one row each, stored apart from
 * check_ins (audit rows never change). Append-only (trigger); a case's state is its latest
 * resolve or reopen, open when there is none.
 */
export const conflictReviews = pgTable(
  'conflict_reviews',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    /** The case's key: the conflict's (or the refused scan's) scan_id in check_ins. */
    scanId: uuid('scan_id').notNull(),
    action: conflictReviewAction('action').notNull(),
    note: text('note'),
    userId: uuid('user_id').references(() => users.id),
    at: ts('at').notNull().defaultNow(),
  },
  // By event: the live tile reads the latest review of each case of one event.
  (t) => [index('conflict_reviews_scan_idx').on(t.scanId, t.id), index('conflict_reviews_event_scan_idx').on(t.eventId, t.scanId, t.id)],
);

// Live counts, kept by triggers on check_ins and attendees (drizzle/0010, 0013, 0022) so the
// dashboard never scans history. Append-only: a write adds a row of differences (`stripe` 1),
// never updating a counter row in place, so a check-in neither waits on another nor walks the
// dead versions a hot counter row piles up while any long transaction holds the cleanup back;
// a count is the sum of its rows, and every few seconds the differences are folded into one
// row per count (`stripe` 0, unique). No foreign key: its check would lock the event row on
// every check-in; an event's counts go with it through a trigger on events (drizzle/0022).
// `entrance_id` / `ticket_type_id` hold the nil uuid for "none".

/**
 * Scans and first admissions (not voided) by entrance, and people inside by the entrance they
 * came in through: attendees whose latest accepted scan not voided is an `in` there (drizzle/0013).
 */
export const entranceCounts = pgTable(
  'entrance_counts',
  {
    eventId: uuid('event_id').notNull(),
    entranceId: uuid('entrance_id').notNull(),
    stripe: integer('stripe').notNull(),
    scans: bigint('scans', { mode: 'number' }).notNull().default(0),
    admitted: bigint('admitted', { mode: 'number' }).notNull().default(0),
    inside: bigint('inside', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    index('entrance_counts_event_idx').on(t.eventId, t.entranceId),
    uniqueIndex('entrance_counts_folded_key').on(t.eventId, t.entranceId).where(sql`${t.stripe} = 0`),
  ],
);

/** Valid attendees, admitted and inside, by ticket type. */
export const ticketTypeCounts = pgTable(
  'ticket_type_counts',
  {
    eventId: uuid('event_id').notNull(),
    ticketTypeId: uuid('ticket_type_id').notNull(),
    stripe: integer('stripe').notNull(),
    total: bigint('total', { mode: 'number' }).notNull().default(0),
    admitted: bigint('admitted', { mode: 'number' }).notNull().default(0),
    inside: bigint('inside', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    index('ticket_type_counts_event_idx').on(t.eventId, t.ticketTypeId),
    uniqueIndex('ticket_type_counts_folded_key').on(t.eventId, t.ticketTypeId).where(sql`${t.stripe} = 0`),
  ],
);

/** Scans and accepted scans per minute of scan time. */
export const scanMinuteCounts = pgTable(
  'scan_minute_counts',
  {
    eventId: uuid('event_id').notNull(),
    minute: ts('minute').notNull(),
    stripe: integer('stripe').notNull(),
    scans: bigint('scans', { mode: 'number' }).notNull().default(0),
    accepted: bigint('accepted', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    index('scan_minute_counts_event_idx').on(t.eventId, t.minute),
    uniqueIndex('scan_minute_counts_folded_key').on(t.eventId, t.minute).where(sql`${t.stripe} = 0`),
  ],
);

/** Conflicts not voided. */
export const conflictCounts = pgTable(
  'conflict_counts',
  {
    eventId: uuid('event_id').notNull(),
    stripe: integer('stripe').notNull(),
    open: bigint('open', { mode: 'number' }).notNull().default(0),
  },
  (t) => [index('conflict_counts_event_idx').on(t.eventId), uniqueIndex('conflict_counts_folded_key').on(t.eventId).where(sql`${t.stripe} = 0`)],
);
