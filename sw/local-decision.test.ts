import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { pendingCount, oldestPending } from '../phone/outbox.ts';
import { getAttendee } from '../phone/attendees.ts';
import { decideLocally } from './local-decision.ts';
import { attendee, ids, signedInDb } from './test-setup.ts';

const scan = (code: string, extra: Record<string, unknown> = {}) => ({
  scan_id: crypto.randomUUID(),
  ticket_code: code,
  direction: 'in' as const,
  ...extra,
});
const at = new Date('2026-07-10T18:42:00Z');

describe('decideLocally', () => {
  it('admits a valid ticket once, queues the scan, and refuses the second scan naming the first', async () => {
    const db = await signedInDb([attendee('AAA-1')]);
    const first = await decideLocally(scan('AAA-1'), at, db);
    expect(first).toMatchObject({ verdict: 'accepted', message: 'Welcome, Ana Garcia', offline: true, attendee: { checkins_used: 1, inside: true } });
    expect((await getAttendee('AAA-1', db))?.checkins_used).toBe(1);

    const second = await decideLocally(scan('AAA-1'), new Date('2026-07-10T18:50:00Z'), db);
    expect(second.verdict).toBe('already_checked_in');
    expect(second.message).toBe('Already checked in at 19:42 at Main');
    expect(await pendingCount(db)).toBe(2);
    const queued = await oldestPending(10, db);
    expect(queued.map((q) => q.scan.local_verdict)).toEqual(['accepted', 'already_checked_in']);
    expect(queued.every((q) => q.scan.offline)).toBe(true);
  });

  it('answers a repeated scan id with the stored result and queues nothing new', async () => {
    const db = await signedInDb([attendee('AAA-1')]);
    const s = scan('AAA-1');
    const a = await decideLocally(s, at, db);
    const b = await decideLocally(s, at, db);
    expect(b).toEqual(a);
    expect(await pendingCount(db)).toBe(1);
  });

  it('refuses unknown, cancelled and wrong-entrance tickets in plain words', async () => {
    const db = await signedInDb([attendee('GONE', { status: 'cancelled' }), attendee('GA-1')], { entrance_id: ids.vip });
    expect((await decideLocally(scan('NOPE'), at, db)).message).toBe('Unknown ticket');
    expect((await decideLocally(scan('GONE'), at, db)).verdict).toBe('cancelled');
    const wrong = await decideLocally(scan('GA-1'), at, db);
    expect(wrong).toMatchObject({ verdict: 'wrong_entrance', message: 'General is not valid at VIP' });
  });

  it('normalises a legacy pipe payload to its ticket code', async () => {
    const db = await signedInDb([attendee('E3C8AF28A5-3')]);
    const r = await decideLocally(scan('123|checksum|x|E3C8AF28A5-3'), at, db);
    expect(r.verdict).toBe('accepted');
    expect((await oldestPending(1, db))[0].scan.ticket_code).toBe('E3C8AF28A5-3');
  });

  it('lets someone out and back in where the event allows re-entry', async () => {
    const db = await signedInDb([attendee('R-1')]);
    await db.session.update('current', { event: { ...(await db.session.get('current'))!.event, reentry_allowed: true } });
    expect((await decideLocally(scan('R-1'), at, db)).verdict).toBe('accepted');
    expect((await decideLocally(scan('R-1', { direction: 'out' }), at, db)).message).toBe('Goodbye, Ana Garcia');
    const back = await decideLocally(scan('R-1'), at, db);
    expect(back).toMatchObject({ verdict: 'accepted', reentry: true, message: 'Welcome back, Ana Garcia' });
  });

  it('scans of one ticket decided at the same moment admit it once: the later ones are refused before the first write commits', async () => {
    const db = await signedInDb([attendee('AAA-1'), attendee('BBB-2', { checkins_allowed: 2 })]);
    const same = scan('AAA-1');
    const results = await Promise.all(
      [scan('AAA-1'), scan('AAA-1'), same, same, scan('AAA-1'), scan('BBB-2'), scan('BBB-2'), scan('BBB-2')].map((s) => decideLocally(s, at, db)),
    );
    expect(results.map((r) => r.verdict)).toEqual([
      'accepted',
      'already_checked_in',
      'already_checked_in',
      'already_checked_in',
      'already_checked_in',
      'accepted',
      'accepted',
      'already_checked_in',
    ]);
    expect(results[1].message).toBe('Already checked in at 19:42 at Main');
    expect(results[3]).toEqual(results[2]);
    expect(await getAttendee('AAA-1', db)).toMatchObject({ checkins_used: 1, inside: true });
    expect(await getAttendee('BBB-2', db)).toMatchObject({ checkins_used: 2 });
    expect(await pendingCount(db)).toBe(7);
  });

  it('decides again when the stored attendee changed between its lookup and its write', async () => {
    const db = await signedInDb([attendee('AAA-1')]);
    // A delta that cancels the ticket lands while the scan's lookup has already run.
    const pending = decideLocally(scan('AAA-1'), at, db);
    await db.attendees.update('AAA-1', { status: 'cancelled' });
    const r = await pending;
    expect((await getAttendee('AAA-1', db))?.status).toBe('cancelled');
    expect(['accepted', 'cancelled']).toContain(r.verdict);
    const stored = await db.scans.get(r.scan_id);
    expect(stored?.verdict).toBe(r.verdict);
    expect((await getAttendee('AAA-1', db))?.checkins_used).toBe(r.verdict === 'accepted' ? 1 : 0);
  });
});
