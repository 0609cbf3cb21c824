// The event's conflicts as the server lists them for every door, and the "needs attention"
// list: this door's own conflicts and refused uploads merged with the feed, one item per
// scan_id. The feed cursor moves only in the same transaction as the rows it covers.
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

export interface AttentionItem {
  scan_id: string;
  kind: 'conflict' | 'not_uploaded';
  name: string;
  ticket_code: string;
  scanned_at: string;
  /** Where the scan was made: "this door" or the other door's entrance and device. */
  where: string;
  detail: string;
}

const joinNames = (...parts: Array<string | null>) => parts.filter(Boolean).join(' by ');

function fromOwnScan(s: LocalScan): AttentionItem {
  return {
    scan_id: s.scan_id,
    kind: s.verdict === 'conflict' ? 'conflict' : 'not_uploaded',
    name: s.result.attendee?.name || s.ticket_code,
    ticket_code: s.ticket_code,
    scanned_at: s.scanned_at,
    where: 'this door',
    detail: s.error ?? s.result.message,
  };
}

function fromFeed(c: StoredConflict): AttentionItem {
  return {
    scan_id: c.scan_id,
    kind: 'conflict',
    name: c.attendee_name || c.ticket_code,
    ticket_code: c.ticket_code,
    scanned_at: c.scanned_at,
    where: joinNames(c.entrance, c.device) || 'another door',
    detail: c.message,
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
  /** The other door: entrance and device, as the feed names it. */
  other: string;
}

/** Of newly arrived conflicts, those in which this phone made one of the two scans (voided ones are news to no one). */
export async function ownConflictAlerts(conflicts: EventConflict[], db: FastCheckDb = database()): Promise<OwnConflictAlert[]> {
  const live = conflicts.filter((c) => !c.voided);
  const ids = [...new Set(live.flatMap((c) => [c.scan_id, ...(c.conflict_with ? [c.conflict_with.scan_id] : [])]))];
  const mine = new Set((await db.scans.bulkGet(ids)).flatMap((s) => (s ? [s.scan_id] : [])));
  return live.flatMap((c) => {
    const firstIsMine = c.conflict_with ? mine.has(c.conflict_with.scan_id) : false;
    if (!mine.has(c.scan_id) && !firstIsMine) return [];
    const other = firstIsMine ? joinNames(c.entrance, c.device) : c.conflict_with ? joinNames(c.conflict_with.entrance, c.conflict_with.device) : 'Tickera';
    return [{ scan_id: c.scan_id, ticket_code: c.ticket_code, name: c.attendee_name || c.ticket_code, other: other || 'another door' }];
  });
}
