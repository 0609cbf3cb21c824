// The event's conflicts as the server lists them for every door, and the "needs attention"
// list: this door's own conflicts and refused uploads merged with the feed, one item per
// scan_id. The feed cursor moves only in the same transaction as the rows it covers.
import type { FirstScan } from '../shared/protocol/check-in.ts';
import type { Verdict } from '../shared/protocol/common.ts';
import type { EventConflict } from '../shared/protocol/conflicts.ts';
import { database, type FastCheckDb } from './database.ts';
import type { LocalScan, StoredConflict } from './rows.ts';
import { needingAttention } from './scans.ts';

const CURSOR_KEY = 'conflicts_cursor';

export async function conflictsCursor(db: FastCheckDb = database()): Promise<string | null> {
  return (await db.meta.get(CURSOR_KEY))?.value ?? null;
}

/** Stores a page of the feed (later entries replace earlier ones: a void arrives after its conflict). */
export async function applyConflicts(conflicts: EventConflict[], cursor: string, db: FastCheckDb = database()): Promise<void> {
  await db.transaction('rw', [db.conflicts, db.meta], async () => {
    await db.conflicts.bulkPut(conflicts);
    await db.meta.put({ key: CURSOR_KEY, value: cursor });
  });
}

/**
 * A door named on screen, as codes and names (the page words it in the door's language):
 * this one, another (its entrance and device, each as far as known), or Tickera itself.
 */
export type DoorRef = { kind: 'this_door' } | { kind: 'other_door'; entrance: string | null; device: string | null } | { kind: 'tickera' };

/** Why an item needs attention, as codes and fields (never the server's English message). */
export type AttentionReason =
  /** Admitted offline, but the ticket's allowance was already used (by `first_scan`, when known). */
  | { code: 'conflict_already'; first_scan: FirstScan | null }
  /** Admitted offline, but the server decided otherwise (`server_verdict`, when known). */
  | { code: 'conflict_server'; server_verdict: Verdict | null }
  /**
   * The server did not take the upload: its error code, or null for a row stored by an older
   * version of the app, which kept only the server's (English) `message`.
   */
  | { code: 'upload_refused'; error_code: string | null; field: string | null; message: string };

export interface AttentionItem {
  scan_id: string;
  kind: 'conflict' | 'not_uploaded';
  name: string;
  ticket_code: string;
  scanned_at: string;
  /** Where the scan was made. */
  place: DoorRef;
  reason: AttentionReason;
}

const otherDoor = (entrance: string | null, device: string | null): DoorRef => ({ kind: 'other_door', entrance, device });

function ownReason(s: LocalScan): AttentionReason {
  if (s.state === 'failed' && s.error !== null)
    return { code: 'upload_refused', error_code: s.error_code ?? null, field: s.error_field ?? null, message: s.error };
  const r = s.result;
  if (r.server_verdict === 'already_checked_in') return { code: 'conflict_already', first_scan: r.first_scan ?? null };
  return { code: 'conflict_server', server_verdict: r.server_verdict ?? null };
}

function fromOwnScan(s: LocalScan): AttentionItem {
  return {
    scan_id: s.scan_id,
    kind: s.verdict === 'conflict' ? 'conflict' : 'not_uploaded',
    name: s.result.attendee?.name || s.ticket_code,
    ticket_code: s.ticket_code,
    scanned_at: s.scanned_at,
    place: { kind: 'this_door' },
    reason: ownReason(s),
  };
}

function fromFeed(c: StoredConflict): AttentionItem {
  const first = c.conflict_with;
  return {
    scan_id: c.scan_id,
    kind: 'conflict',
    name: c.attendee_name || c.ticket_code,
    ticket_code: c.ticket_code,
    scanned_at: c.scanned_at,
    place: otherDoor(c.entrance, c.device),
    reason: first
      ? { code: 'conflict_already', first_scan: { at: first.at, entrance: first.entrance, device: first.device } }
      : { code: 'conflict_server', server_verdict: null },
  };
}

/** What a person should look at, newest first; conflicts a supervisor voided are gone. */
export async function attentionItems(db: FastCheckDb = database()): Promise<AttentionItem[]> {
  const [own, feed] = await Promise.all([needingAttention(db), db.conflicts.toArray()]);
  const voided = new Set(feed.filter((c) => c.voided).map((c) => c.scan_id));
  const items = new Map<string, AttentionItem>();
  for (const c of feed) if (!c.voided) items.set(c.scan_id, fromFeed(c));
  // This door's own row wins: it carries the message the door saw and any upload error.
  for (const s of own) if (!(s.verdict === 'conflict' && voided.has(s.scan_id))) items.set(s.scan_id, fromOwnScan(s));
  return [...items.values()].sort((a, b) => b.scanned_at.localeCompare(a.scanned_at));
}

/** A conflict that names one of this door's own scans: the door is told at once, with a sound. */
export interface OwnConflictAlert {
  scan_id: string;
  ticket_code: string;
  name: string;
  /** The other door: entrance and device, as the feed names it (Tickera when no door scanned first). */
  other: DoorRef;
}

/** Of newly arrived conflicts, those in which this phone made one of the two scans (voided ones are news to no one). */
export async function ownConflictAlerts(conflicts: EventConflict[], db: FastCheckDb = database()): Promise<OwnConflictAlert[]> {
  const live = conflicts.filter((c) => !c.voided);
  const ids = [...new Set(live.flatMap((c) => [c.scan_id, ...(c.conflict_with ? [c.conflict_with.scan_id] : [])]))];
  const mine = new Set((await db.scans.bulkGet(ids)).flatMap((s) => (s ? [s.scan_id] : [])));
  return live.flatMap((c) => {
    const firstIsMine = c.conflict_with ? mine.has(c.conflict_with.scan_id) : false;
    if (!mine.has(c.scan_id) && !firstIsMine) return [];
    const other: DoorRef = firstIsMine
      ? otherDoor(c.entrance, c.device)
      : c.conflict_with
        ? otherDoor(c.conflict_with.entrance, c.conflict_with.device)
        : { kind: 'tickera' };
    return [{ scan_id: c.scan_id, ticket_code: c.ticket_code, name: c.attendee_name || c.ticket_code, other }];
  });
}
