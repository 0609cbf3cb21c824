import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { EventConflict } from '../shared/protocol/conflicts.ts';
import { applyConflicts, attentionItems, conflictsCursor, ownConflictAlerts } from './conflicts.ts';
import { FastCheckDb } from './database.ts';
import { markFailed, recordScan } from './scans.ts';
import type { LocalScan } from './rows.ts';
import { versionOneDatabase } from './test-kit.ts';

const feedItem = (scanId: string, over: Partial<EventConflict> = {}): EventConflict => ({
  scan_id: scanId,
  ticket_code: 'AAA-1',
  attendee_name: 'Ana Garcia',
  scanned_at: '2026-07-10T19:01:00.000Z',
  entrance: 'Main',
  device: 'Door B',
  conflict_with: { scan_id: crypto.randomUUID(), at: '2026-07-10T19:00:00.000Z', entrance: 'Main', device: 'Door A' },
  message: 'Admitted offline, but already checked in at 19:00 at Main by Door A: review',
  voided: false,
  ...over,
});

const ownScan = (scanId: string, over: Partial<LocalScan> = {}): LocalScan => ({
  scan_id: scanId,
  ticket_code: 'AAA-1',
  direction: 'in',
  entrance_id: null,
  scanned_at: '2026-07-10T19:01:00.000Z',
  local_verdict: 'accepted',
  verdict: 'conflict',
  state: 'synced',
  offline: true,
  result: { scan_id: scanId, verdict: 'conflict', message: 'Seen here', attendee: null, first_scan: null },
  error: null,
  ...over,
});

describe('conflicts from every door', () => {
  it("lists the feed's conflicts once each, this door's own row winning, voided ones gone", async () => {
    const db = new FastCheckDb(`test-${crypto.randomUUID()}`);
    const [mine, theirs, voidedMine, failed] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await recordScan(ownScan(mine), db);
    await recordScan(ownScan(voidedMine, { scanned_at: '2026-07-10T19:03:00.000Z' }), db);
    await recordScan(ownScan(failed, { verdict: 'accepted', state: 'pending', scanned_at: '2026-07-10T19:04:00.000Z' }), db);
    await markFailed(failed, { code: 'validation_failed', message: 'ticket_code: must be 1 to 64 characters', details: { path: 'ticket_code' } }, db);
    await applyConflicts([feedItem(mine), feedItem(theirs, { scanned_at: '2026-07-10T19:02:00.000Z' }), feedItem(voidedMine)], '10.1', db);
    await applyConflicts([feedItem(voidedMine, { voided: true })], '11.7', db);

    const items = await attentionItems(db);
    // Places and reasons as codes and names: the page words them in the door's language.
    expect(items.map((i) => [i.scan_id, i.kind, i.place])).toEqual([
      [failed, 'not_uploaded', { kind: 'this_door' }],
      [theirs, 'conflict', { kind: 'other_door', entrance: 'Main', device: 'Door B' }],
      [mine, 'conflict', { kind: 'this_door' }],
    ]);
    expect(items[0].reason).toEqual({
      code: 'upload_refused',
      error_code: 'validation_failed',
      field: 'ticket_code',
      message: 'ticket_code: must be 1 to 64 characters',
    });
    expect(items[1]).toMatchObject({
      name: 'Ana Garcia',
      reason: { code: 'conflict_already', first_scan: { at: '2026-07-10T19:00:00.000Z', entrance: 'Main', device: 'Door A' } },
    });
    expect(items[2].reason).toEqual({ code: 'conflict_server', server_verdict: null });
    expect(await conflictsCursor(db)).toBe('11.7');
  });

  it('opens a phone that still holds a version 1 database without losing its scans', async () => {
    const name = `old-${crypto.randomUUID()}`;
    const old = versionOneDatabase(name);
    const id = crypto.randomUUID();
    await old.table('scans').put(ownScan(id));
    // An upload refusal stored before error codes were kept: only the server's English message.
    const refused = crypto.randomUUID();
    const { error_code: _, ...oldRow } = ownScan(refused, {
      verdict: 'accepted',
      state: 'failed',
      error: 'ticket code too long',
      scanned_at: '2026-07-10T19:00:00.000Z',
    });
    await old.table('scans').put(oldRow);
    old.close();

    const db = new FastCheckDb(name);
    expect(await db.scans.get(id)).toMatchObject({ verdict: 'conflict' });
    expect(await db.conflicts.count()).toBe(0);
    const items = await attentionItems(db);
    expect(items.map((i) => i.scan_id)).toEqual([id, refused]);
    expect(items[1].reason).toEqual({ code: 'upload_refused', error_code: null, field: null, message: 'ticket code too long' });
  });

  it('alerts only for conflicts naming a scan made on this phone, on either side, never a voided one', async () => {
    const db = new FastCheckDb(`test-${crypto.randomUUID()}`);
    const firstHere = crypto.randomUUID();
    const secondHere = crypto.randomUUID();
    await recordScan(ownScan(firstHere, { verdict: 'accepted' }), db);
    await recordScan(ownScan(secondHere), db);
    const elsewhere = feedItem(crypto.randomUUID());
    const mineFirst = feedItem(crypto.randomUUID(), {
      ticket_code: 'BBB-2',
      attendee_name: null,
      conflict_with: { scan_id: firstHere, at: '2026-07-10T19:00:00.000Z', entrance: 'Main', device: 'Door A' },
    });
    const mineSecond = feedItem(secondHere);
    const voided = feedItem(crypto.randomUUID(), { voided: true, conflict_with: { ...mineFirst.conflict_with!, scan_id: firstHere } });
    expect(await ownConflictAlerts([elsewhere, mineFirst, mineSecond, voided], db)).toEqual([
      { scan_id: mineFirst.scan_id, ticket_code: 'BBB-2', name: 'BBB-2', other: { kind: 'other_door', entrance: 'Main', device: 'Door B' } },
      { scan_id: secondHere, ticket_code: 'AAA-1', name: 'Ana Garcia', other: { kind: 'other_door', entrance: 'Main', device: 'Door A' } },
    ]);
    // A conflict with no first scan on record was checked in at Tickera.
    const atTickera = feedItem(crypto.randomUUID(), { conflict_with: null });
    await recordScan(ownScan(atTickera.scan_id), db);
    expect((await ownConflictAlerts([atTickera], db))[0].other).toEqual({ kind: 'tickera' });
    db.close();
    await Dexie.delete(db.name);
  });
});
