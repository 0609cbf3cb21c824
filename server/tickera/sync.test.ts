import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTickeraSim, type TickeraSim } from '../../tickera-sim/server.ts';
import type { AppDeps } from '../app-env.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { makeTestDeps } from '../test/app.ts';
import { startSync, type SyncSettings } from './sync.ts';
import { readSyncRun } from './sync-run-view.ts';
import { connectedEvent, testSyncSettings } from './test-kit.ts';
import { until } from '../test/until.ts';

type Row = {
  ticket_code: string;
  status: string;
  checkins_allowed: number;
  checkins_used: number;
  external_checkins: number;
  change_seq: string;
  type: string;
  email: string;
  first_name: string;
};

describe.each(dbKinds)('Tickera sync over %s', (kind) => {
  const t = useTestDatabase(kind);
  const N = kind === 'postgres' ? 10_000 : 600;
  const perPage = kind === 'postgres' ? 500 : 50;
  let sim: TickeraSim;
  let deps: AppDeps;
  let eventId: string;

  const sync = async (settings: Partial<SyncSettings> = {}) => {
    const { done } = await startSync(deps, eventId, { settings: { ...testSyncSettings, perPage, ...settings } });
    return done;
  };
  const rows = async () =>
    t().database.query<Row>(sql`
      select a.ticket_code, a.status, a.checkins_allowed, a.checkins_used, a.external_checkins, a.change_seq::text, a.email, a.first_name, tt.name as type
      from attendees a left join ticket_types tt on tt.id = a.ticket_type_id where a.event_id = ${eventId} order by a.ticket_code`);

  beforeAll(async () => {
    sim = await startTickeraSim({ tickets: N, seed: 11 });
    deps = makeTestDeps(t().database);
    eventId = await connectedEvent(deps, sim);
  });
  afterAll(() => sim.close());

  it(`pulls all ${N} tickets, with ticket types, decoded names and the unlimited type`, async () => {
    const run = await sync();
    expect(run).toMatchObject({ status: 'succeeded', records: N, total: N, inserted: N, updated: 0, revoked: 0, error: null });
    expect(run.tickeraMs).toBeGreaterThan(0);
    const all = await rows();
    expect(all).toHaveLength(N);
    expect(new Set(all.map((r) => r.type))).toEqual(new Set(['General', 'VIP & Backstage', 'Weekend Pass', 'Crew']));
    const byCode = new Map(all.map((r) => [r.ticket_code, r]));
    for (const ticket of sim.tickets.slice(0, 50)) {
      const r = byCode.get(ticket.code)!;
      expect(r.first_name).toBe(ticket.ownerFirst);
      expect(r.email).toBe(ticket.ownerEmail ?? ticket.buyerEmail);
      expect(r.checkins_allowed).toBe(ticket.type.allowed ?? 0);
    }
    const view = await readSyncRun(t().database.db, eventId, run.id);
    expect(view).toMatchObject({ percent: 100, pages: Math.floor(N / perPage) + 2 });
  });

  it('a second sync with nothing changed writes no row (phones get an empty delta)', async () => {
    const before = await rows();
    const run = await sync();
    expect(run).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, revoked: 0 });
    expect(await rows()).toEqual(before);
  });

  it('catches a sale made mid-sync (OFFSET pages shift) and de-duplicates', async () => {
    sim.sellDuring(3, 7);
    const run = await sync();
    expect(run).toMatchObject({ status: 'succeeded', inserted: 7, records: N + 7 });
    expect(await rows()).toHaveLength(sim.tickets.length);
  });

  it('retries a 500 on page 7 and succeeds', async () => {
    sim.fail({ endpoint: 'tickets_info', page: 7, kind: '500', times: 1 });
    const run = await sync();
    expect(run.status).toBe('succeeded');
    expect(sim.calls.filter((c) => c.endpoint === 'tickets_info' && c.page === 7).length).toBeGreaterThanOrEqual(2);
  });

  it('a permanent failure leaves the previous data exactly as it was and records the error', async () => {
    const before = await rows();
    sim.sell(3);
    sim.remove(sim.tickets[0]!.code);
    sim.fail({ endpoint: 'tickets_info', page: 7, kind: '500', times: Infinity });
    try {
      const run = await sync();
      expect(run).toMatchObject({ status: 'failed', error: 'WordPress answered 500 to tickets_info page 7' });
    } finally {
      sim.clearFailures();
    }
    expect(await rows()).toEqual(before);
    sim.fail({ endpoint: 'tickets_info', page: 2, kind: 'html', times: 1 });
    expect((await sync()).error).toMatch(/^not a Tickera site \(HTML where JSON was expected\)/);
    expect(await rows()).toEqual(before);
    sim.fail({ endpoint: 'tickets_info', page: 3, kind: 'bad_record', times: 1 });
    expect((await sync()).error).toBe(
      'Tickera sent an answer FastCheck cannot read: tickets_info page 3, record 2: checksum the ticket code (checksum) must not be empty',
    );
    expect(await rows()).toEqual(before);
  });

  it('revokes tickets that vanished, never deletes them', async () => {
    const gone = sim.tickets[1]!;
    sim.remove(gone.code);
    const run = await sync();
    expect(run).toMatchObject({ status: 'succeeded', inserted: 3, revoked: 2 });
    const all = await rows();
    expect(all.find((r) => r.ticket_code === gone.code)?.status).toBe('revoked');
    expect(all.filter((r) => r.status === 'revoked')).toHaveLength(2);
    expect(all).toHaveLength(sim.tickets.length + 2);
  });

  it("maps Tickera's remaining check-ins without losing FastCheck's own", async () => {
    const single = sim.tickets.filter((x) => x.type.allowed === 1);
    const weekend = sim.tickets.find((x) => x.type.allowed === 2)!;
    const crew = sim.tickets.find((x) => x.type.allowed === null)!;
    // Used at Tickera's own app before FastCheck: one pass each.
    for (const code of [single[0]!.code, weekend.code, crew.code]) await fetch(`${sim.url}/tc-api/${sim.apiKey}/check_in/${code}`);
    // Checked in at a FastCheck door (no write-back).
    await t().database.query(sql`update attendees set checkins_used = 1, inside = true where event_id = ${eventId} and ticket_code = ${single[1]!.code}`);
    expect((await sync()).status).toBe('succeeded');
    const byCode = new Map((await rows()).map((r) => [r.ticket_code, r]));
    expect(byCode.get(single[0]!.code)).toMatchObject({ checkins_allowed: 1, external_checkins: 1, checkins_used: 0 });
    expect(byCode.get(weekend.code)).toMatchObject({ checkins_allowed: 2, external_checkins: 1 });
    expect(byCode.get(crew.code)).toMatchObject({ checkins_allowed: 0, external_checkins: 0 });
    expect(byCode.get(single[1]!.code)).toMatchObject({ checkins_allowed: 1, external_checkins: 0, checkins_used: 1 });
  });

  it('one run at a time per event; progress is readable while it runs', async () => {
    const slow = await startTickeraSim({ tickets: 200, pageLatencyMs: 60 });
    try {
      const id = await connectedEvent(deps, slow);
      const first = await startSync(deps, id, { settings: { ...testSyncSettings, perPage: 20, concurrency: 1 } });
      await expect(startSync(deps, id)).rejects.toMatchObject({ code: 'conflict', status: 409 });
      const seen = await until(
        () => readSyncRun(t().database.db, id, first.run.id),
        (run) => run!.records > 0,
      );
      expect(seen!).toMatchObject({ status: 'running', total: 200 });
      expect(seen!.percent).toBeGreaterThan(0);
      expect(seen!.percent).toBeLessThan(100);
      expect((await first.done).status).toBe('succeeded');
    } finally {
      await slow.close();
    }
  });

  // Last in this block: it takes most tickets off the simulator.
  it('refuses to revoke most of the list until the organiser confirms', async () => {
    const before = await rows();
    const valid = before.filter((r) => r.status === 'valid').length;
    const keep = new Set(sim.tickets.slice(0, Math.floor(valid / 3)).map((t) => t.code));
    const removed = sim.tickets.filter((t) => !keep.has(t.code)).map((t) => t.code);
    for (const code of removed) sim.remove(code);
    const refused = await sync();
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatch(/so \d+ of the \d+ valid tickets here would be revoked: nothing was changed/);
    expect(await rows()).toEqual(before);
    // The scheduler never confirms; the organiser does, and then it goes through.
    const { done } = await startSync(deps, eventId, { settings: { ...testSyncSettings, perPage }, confirmRevocations: true });
    const confirmed = await done;
    expect(confirmed).toMatchObject({ status: 'succeeded', revoked: removed.length });
    const after = await rows();
    expect(after.filter((r) => r.status === 'valid')).toHaveLength(keep.size);
    expect(after).toHaveLength(before.length);
  });
});
