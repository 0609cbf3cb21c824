import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attendeesDeltaResponseSchema } from '../../shared/protocol/attendees-delta.ts';
import { newScanId, postJson, seedEvent, signIn, type Phone, type TestResponse } from '../checkin/test-fixtures.ts';
import { fakeClock } from '../clock.ts';
import { attendees, events } from '../db/schema.ts';
import { makeTestApp, testConfig } from '../test/app.ts';
import { createTestDatabase, dbKinds, useTestDatabase } from '../test/db.ts';
import type { AppEnv } from '../app-env.ts';
import type { Hono } from 'hono';

function pull(app: Hono<AppEnv>, phone: Phone, query = '', headers: Record<string, string> = {}) {
  return app.request(`/api/v1/mobile/attendees${query}`, { headers: { ...phone.auth, ...headers } }) as unknown as Promise<TestResponse>;
}

async function pullAll(app: Hono<AppEnv>, phone: Phone, since: string, limit: number) {
  const seen: Array<{ ticket_code: string; checkins_used: number; change_seq: number }> = [];
  let cursor = since;
  let requests = 0;
  for (;;) {
    const data = attendeesDeltaResponseSchema.parse((await (await pull(app, phone, `?since=${cursor}&limit=${limit}`)).json()).data);
    requests++;
    seen.push(...data.attendees);
    cursor = data.next_cursor;
    if (!data.has_more) return { seen, cursor, requests };
  }
}

describe.each(dbKinds)('attendee delta sync over %s', (kind) => {
  const t = useTestDatabase(kind);

  async function setup(n = 30) {
    const clock = fakeClock('2026-07-10T19:00:00Z');
    const { app } = makeTestApp(t().database, { clock, config: testConfig({ RATE_LIMIT_SYNC: '3' }) });
    const seed = await seedEvent(t().database, { attendees: n });
    const phone = await signIn(app, seed.eventId, seed.door);
    return { app, seed, phone, clock };
  }

  it('the first pull gets everything of this event only; later pulls only what changed, other doors included', async () => {
    const { app, seed, phone } = await setup();
    await seedEvent(t().database, { attendees: 5 });
    const first = await pullAll(app, phone, '0', 7);
    expect(first.seen).toHaveLength(30);
    expect(first.requests).toBe(5);
    expect(new Set(first.seen.map((a) => a.ticket_code))).toEqual(new Set(seed.codes));

    const empty = await pullAll(app, phone, first.cursor, 100);
    expect(empty.seen).toHaveLength(0);
    expect(empty.cursor).toBe(first.cursor);

    const other = await signIn(app, seed.eventId, seed.door, 'Door 9');
    await postJson(app, '/api/v1/check-in', other, { scan_id: newScanId(), ticket_code: seed.codes[4] });
    await t()
      .database.db.update(attendees)
      .set({ status: 'revoked' })
      .where(and(eq(attendees.eventId, seed.eventId), eq(attendees.ticketCode, seed.codes[5])));
    const delta = await pullAll(app, phone, first.cursor, 100);
    expect(delta.seen.map((a) => a.ticket_code)).toEqual([seed.codes[4], seed.codes[5]]);
    expect(delta.seen[0]).toMatchObject({ checkins_used: 1 });
  });

  it('answers gzip when asked; a bad cursor or limit names the field', async () => {
    const { app, phone } = await setup();
    const res = await pull(app, phone, '', { 'accept-encoding': 'gzip' });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    for (const [q, field] of [
      ['?since=abc', 'since'],
      ['?since=1.', 'since'],
      ['?limit=0', 'limit'],
      ['?limit=10001', 'limit'],
    ]) {
      const bad = await pull(app, phone, q);
      expect(bad.status).toBe(400);
      expect(JSON.stringify((await bad.json()).error)).toContain(field);
    }
  });

  it('full downloads are limited per device; continuation pages and deltas are not', async () => {
    const { app, seed, phone } = await setup();
    for (let i = 0; i < 3; i++) expect((await pull(app, phone, i % 2 ? '?since=0' : '')).status).toBe(200);
    const refused = await pull(app, phone, '?since=0');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) expect((await pull(app, phone, '?since=1.1&limit=5')).status).toBe(200);
    const another = await signIn(app, seed.eventId, seed.door);
    expect((await pull(app, another, '')).status).toBe(200);
  });
});

describe('delta sync is stable under concurrent writes (postgres)', () => {
  const t = useTestDatabase('postgres', { max: 20 });

  it('writers updating while a reader pages never make it skip a change', async () => {
    const { app } = makeTestApp(t().database, { config: testConfig({ RATE_LIMIT_SYNC: '100' }) });
    const seed = await seedEvent(t().database, { attendees: 400 });
    const phone = await signIn(app, seed.eventId, seed.door);
    const db = t().database.db;
    let writing = true;
    let version = 0;
    // Writers: slow transactions that stamp a row, hold it, then commit (so commits land out of xid order).
    const writer = async (w: number) => {
      while (writing) {
        const code = seed.codes[Math.floor(Math.random() * seed.codes.length)];
        const v = ++version;
        await db.transaction(async (tx) => {
          await tx
            .update(attendees)
            .set({ email: `v${v}@w${w}` })
            .where(and(eq(attendees.eventId, seed.eventId), eq(attendees.ticketCode, code)));
          await tx.execute(sql`select pg_sleep(${Math.random() * 0.01})`);
        });
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    // The reader keeps a copy by paging small pages while writers run.
    const copy = new Map<string, string>();
    let cursor = '0';
    // Page until the writers have made plenty of changes (bounded, whatever the machine's speed).
    for (let round = 0; round < 2000 && (round < 40 || version < 100); round++) {
      const data = (await (await pull(app, phone, `?since=${cursor}&limit=37`)).json()).data;
      for (const a of data.attendees) copy.set(a.ticket_code, a.email);
      cursor = data.next_cursor;
    }
    writing = false;
    await Promise.all(writers);
    // Catch up after the writers stopped: the copy must equal the table.
    for (;;) {
      const data = (await (await pull(app, phone, `?since=${cursor}&limit=500`)).json()).data;
      for (const a of data.attendees) copy.set(a.ticket_code, a.email);
      cursor = data.next_cursor;
      if (!data.has_more) break;
    }
    const truth = await db.select({ code: attendees.ticketCode, email: attendees.email }).from(attendees).where(eq(attendees.eventId, seed.eventId));
    expect(version).toBeGreaterThan(50);
    expect(copy.size).toBe(400);
    for (const row of truth) expect(copy.get(row.code)).toBe(row.email);
  });
});

describe('delta sync and other databases on the same cluster (postgres)', () => {
  const t = useTestDatabase('postgres');

  it("a long write transaction in another database does not hold back this event's changes", async () => {
    const other = await createTestDatabase('postgres', { max: 2 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const hasWritten = new Promise<void>((resolve) => (started = resolve));
    // Another database's writer takes an xid and keeps its transaction open.
    const otherTx = other.database.db.transaction(async (tx) => {
      await tx.insert(events).values({ name: 'Elsewhere' });
      started();
      await held;
    });
    try {
      await hasWritten;
      const { app } = makeTestApp(t().database, { config: testConfig({ RATE_LIMIT_SYNC: '100' }) });
      const seed = await seedEvent(t().database, { attendees: 25 });
      const phone = await signIn(app, seed.eventId, seed.door);
      const data = (await (await pull(app, phone, '?limit=100')).json()).data;
      expect(data.attendees).toHaveLength(25);
    } finally {
      release();
      await otherTx;
      await other.drop();
    }
  });
});
