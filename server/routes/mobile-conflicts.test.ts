import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { conflictsResponseSchema, type EventConflict } from '../../shared/protocol/conflicts.ts';
import type { AppEnv } from '../app-env.ts';
import { newScanId, postJson, seedEvent, signIn, type Phone, type SeededEvent, type TestResponse } from '../checkin/test-fixtures.ts';
import { fakeClock } from '../clock.ts';
import { attendees } from '../db/schema.ts';
import { closeSharedRedis } from '../http/rate-limit.ts';
import { makeTestApp, testConfig } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';

afterAll(closeSharedRedis);

function pull(app: Hono<AppEnv>, headers: Record<string, string>, query = '') {
  return app.request(`/api/v1/mobile/conflicts${query}`, { headers }) as unknown as Promise<TestResponse>;
}

async function pullPage(app: Hono<AppEnv>, phone: Phone, query = '') {
  const res = await pull(app, phone.auth, query);
  expect(res.status).toBe(200);
  return conflictsResponseSchema.parse((await res.json()).data);
}

async function pullAll(app: Hono<AppEnv>, phone: Phone, since: string, limit: number) {
  const seen: EventConflict[] = [];
  let cursor = since;
  let requests = 0;
  for (;;) {
    const page = await pullPage(app, phone, `?since=${cursor}&limit=${limit}`);
    requests++;
    seen.push(...page.conflicts);
    cursor = page.next_cursor;
    if (!page.has_more) return { seen, cursor, requests };
  }
}

describe.each(dbKinds)('the conflict feed for every door over %s', (kind) => {
  const t = useTestDatabase(kind);

  async function setup() {
    const clock = fakeClock('2026-07-10T19:10:00Z');
    const { app } = makeTestApp(t().database, { clock, config: testConfig({ RATE_LIMIT_SCAN: '1000' }) });
    const seed = await seedEvent(t().database, { attendees: 10 });
    const a = await signIn(app, seed.eventId, seed.door, 'Phone A');
    const b = await signIn(app, seed.eventId, seed.door, 'Phone B');
    return { app, seed, a, b, clock };
  }

  /** Both phones admit `code` offline; A uploads first (accepted), B second (conflict). */
  async function conflictOn(app: Hono<AppEnv>, seed: SeededEvent, a: Phone, b: Phone, code: string) {
    const scan = (at: string) => ({
      scan_id: newScanId(),
      ticket_code: code,
      scanned_at: at,
      entrance_id: seed.main,
      direction: 'in',
      local_verdict: 'accepted',
      offline: true,
    });
    const first = scan('2026-07-10T19:00:00Z');
    const second = scan('2026-07-10T19:01:00Z');
    const ra = (await (await postJson(app, '/api/v1/mobile/scans', a, { sent_at: '2026-07-10T19:10:00Z', scans: [first] })).json()).data.results[0];
    const rb = (await (await postJson(app, '/api/v1/mobile/scans', b, { sent_at: '2026-07-10T19:10:00Z', scans: [second] })).json()).data.results[0];
    expect([ra.verdict, rb.verdict]).toEqual(['accepted', 'conflict']);
    return { first, second };
  }

  it('refuses a phone without a token or with a bad one', async () => {
    const { app, a } = await setup();
    expect((await pull(app, {})).status).toBe(401);
    expect((await pull(app, { authorization: 'Bearer not.a.token' })).status).toBe(401);
    expect((await pull(app, { authorization: `Bearer ${a.token.slice(0, -4)}AAAA` })).status).toBe(401);
    const res = await pull(app, { authorization: 'Basic abc' });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBeTruthy();
  });

  it('both doors learn the conflict, naming the first scan; another event never sees it', async () => {
    const { app, seed, a, b } = await setup();
    const other = await seedEvent(t().database, { attendees: 3 });
    const oa = await signIn(app, other.eventId, other.door, 'Other A');
    const ob = await signIn(app, other.eventId, other.door, 'Other B');
    const { first, second } = await conflictOn(app, seed, a, b, seed.codes[3]);
    const otherConflict = await conflictOn(app, other, oa, ob, other.codes[0]);

    for (const phone of [a, b]) {
      const page = await pullPage(app, phone);
      expect(page.has_more).toBe(false);
      expect(page.conflicts).toEqual([
        {
          scan_id: second.scan_id,
          ticket_code: seed.codes[3],
          attendee_name: 'First3 Last3',
          scanned_at: '2026-07-10T19:01:00.000Z',
          entrance: 'Main Gate',
          device: 'Phone B',
          conflict_with: { scan_id: first.scan_id, at: '2026-07-10T19:00:00.000Z', entrance: 'Main Gate', device: 'Phone A' },
          message: expect.stringContaining('Admitted offline'),
          voided: false,
        },
      ]);
      const again = await pullPage(app, phone, `?since=${page.next_cursor}`);
      expect(again.conflicts).toEqual([]);
      expect(again.next_cursor).toBe(page.next_cursor);
    }
    const theirs = await pullPage(app, oa);
    expect(theirs.conflicts.map((c) => c.scan_id)).toEqual([otherConflict.second.scan_id]);
    // A cursor from the other event does not open this one's rows either.
    const mine = await pullPage(app, a, `?since=${theirs.next_cursor}`);
    expect(mine.conflicts.every((c) => c.scan_id !== otherConflict.second.scan_id)).toBe(true);
  });

  it('pages by cursor without skipping or repeating; a void brings the conflict back as voided', async () => {
    const { app, seed, a, b } = await setup();
    const made: string[] = [];
    for (const i of [1, 2, 5, 6, 8]) made.push((await conflictOn(app, seed, a, b, seed.codes[i])).second.scan_id);
    const all = await pullAll(app, a, '0', 2);
    expect(all.requests).toBe(3);
    expect(all.seen.map((c) => c.scan_id)).toEqual(made);

    const supervisor = await signIn(app, seed.eventId, seed.supervisor, 'Supervisor');
    const voided = await postJson(app, `/api/v1/check-ins/${made[2]}/void`, supervisor, { reason: 'reviewed: same person' });
    expect(voided.status).toBe(200);
    const after = await pullAll(app, b, all.cursor, 2);
    expect(after.seen).toEqual([expect.objectContaining({ scan_id: made[2], voided: true })]);
    const fromStart = await pullAll(app, b, '0', 100);
    expect(fromStart.seen.filter((c) => c.scan_id === made[2]).map((c) => c.voided)).toEqual([true, true]);
  });

  it('a bad cursor or limit is a 400 naming the field', async () => {
    const { app, a } = await setup();
    for (const [q, field] of [
      ['?since=abc', 'since'],
      ['?since=1.', 'since'],
      ['?since=-1.2', 'since'],
      ['?since=99999999999999999999.1', 'since'],
      ['?limit=0', 'limit'],
      ['?limit=1001', 'limit'],
      ['?limit=many', 'limit'],
    ]) {
      const bad = await pull(app, a.auth, q);
      expect(bad.status, q).toBe(400);
      expect(JSON.stringify((await bad.json()).error), q).toContain(field);
    }
  });
});

describe('the conflict feed under a slow writer (postgres)', () => {
  const t = useTestDatabase('postgres', { max: 6 });

  it('a conflict that commits while an older write is still open waits for it, never skipped', async () => {
    const { app } = makeTestApp(t().database, { clock: fakeClock('2026-07-10T19:10:00Z'), config: testConfig({ RATE_LIMIT_SCAN: '1000' }) });
    const seed = await seedEvent(t().database, { attendees: 5 });
    const [a, b] = [await signIn(app, seed.eventId, seed.door, 'Phone A'), await signIn(app, seed.eventId, seed.door, 'Phone B')];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const hasWritten = new Promise<void>((resolve) => (started = resolve));
    // An older transaction of this database takes an xid and stays open.
    const slow = t().database.db.transaction(async (tx) => {
      await tx
        .update(attendees)
        .set({ email: 'slow@example.org' })
        .where(and(eq(attendees.eventId, seed.eventId), eq(attendees.ticketCode, seed.codes[0])));
      started();
      await held;
    });
    try {
      await hasWritten;
      const scan = (at: string) => ({
        scan_id: newScanId(),
        ticket_code: seed.codes[2],
        scanned_at: at,
        direction: 'in',
        local_verdict: 'accepted',
        offline: true,
      });
      await postJson(app, '/api/v1/mobile/scans', a, { sent_at: '2026-07-10T19:10:00Z', scans: [scan('2026-07-10T19:00:00Z')] });
      const second = scan('2026-07-10T19:01:00Z');
      await postJson(app, '/api/v1/mobile/scans', b, { sent_at: '2026-07-10T19:10:00Z', scans: [second] });
      const early = await pullPage(app, a);
      expect(early.conflicts).toEqual([]);
      expect(early.next_cursor).toBe('0');
      release();
      await slow;
      const later = await pullPage(app, a, `?since=${early.next_cursor}`);
      expect(later.conflicts.map((c) => c.scan_id)).toEqual([second.scan_id]);
    } finally {
      release();
      await slow;
    }
  });
});
