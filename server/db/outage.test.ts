// The database goes away and comes back: /health says 503 within its bound, nothing hangs,
// and the app recovers by itself: also when the link is cut inside an open transaction, and
// when every connection is stuck (a bounded wait for a pool slot). Real Postgres behind a
// switchable TCP proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ORIGIN } from '../organiser/console-test-kit.ts';
import { makeTestApp } from '../test/app.ts';
import { startPgProxy, type PgProxy } from '../test/pg-proxy.ts';
import { createTestDatabase, type TestDatabase } from '../test/scratch-db.ts';
import { until } from '../test/until.ts';
import { sql } from 'drizzle-orm';
import { createApp } from '../app.ts';
import type { AcceptedHook } from '../checkin/events.ts';
import { newScanId, postJson, seedEvent, signIn, type Phone, type SeededEvent } from '../checkin/test-fixtures.ts';
import { makeTestDeps } from '../test/app.ts';
import { openPostgres, runTransaction, statement, statementRows, type Database } from './client.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

describe('database outage', () => {
  let scratch: TestDatabase;
  let proxy: PgProxy;
  let database: Database;

  beforeAll(async () => {
    scratch = await createTestDatabase('postgres', { max: 1 });
    proxy = await startPgProxy(scratch.url!);
    database = openPostgres({ url: proxy.url, max: 4 });
  });
  afterAll(async () => {
    await database.close();
    await proxy.close();
    await scratch.drop();
  });

  const health = async () => makeTestApp(database).app.request('/health');

  it('answers /health 200 while the link is up', async () => {
    expect((await health()).status).toBe(200);
  });

  for (const mode of ['refuse', 'black-hole'] as const) {
    it(`answers /health 503 while the link is cut (${mode}), then recovers by itself`, async () => {
      proxy.setMode(mode);
      const res = await health();
      expect(res.status).toBe(503);
      expect(((await res.json()) as { db: string }).db).toBe('unreachable');
      proxy.setMode('pass');
      const back = await until(health, (r) => r.status === 200);
      expect(back.status).toBe(200);
    });
  }

  it('answers a data request 503 database_unavailable (not 500) while the link is refused', async () => {
    proxy.setMode('refuse');
    const login = async () =>
      makeTestApp(database).app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: TEST_ORIGIN },
        body: JSON.stringify({ email: 'nobody@example.com', password: 'not-the-password' }),
      });
    const res = await login();
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
    proxy.setMode('pass');
    const back = await until(login, (r) => r.status !== 503);
    expect(back.status).toBe(401);
  });

  it('fails a transaction whose connection is cut at once, writes none of it, and the pool still serves', async () => {
    await database.query(sql`create table if not exists t_cut (id int primary key)`);
    let afterCut: unknown;
    const run = runTransaction(database, async (tx) => {
      await statementRows(tx, statement`insert into t_cut values (${1}::int)`);
      proxy.resetAll();
      // The first statement after the cut meets the closing socket; the next one is issued
      // on a connection postgres.js already knows is closed (its dead-socket flaw).
      await statementRows(tx, statement`select 1`).catch(() => {});
      afterCut = await statementRows(tx, statement`select 2`).catch((err: unknown) => err);
      return 'done';
    });
    const err = await run.catch((e: unknown) => e);
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(isDatabaseUnavailable(afterCut)).toBe(true);
    // More calls than connections: a dead connection put back in the pool would hang one.
    for (let i = 0; i < 12; i++) expect(await database.query(sql`select 1 as one`)).toEqual([{ one: 1 }]);
    for (let i = 0; i < 6; i++) await runTransaction(database, (tx) => statementRows(tx, statement`select ${i}::int as i`));
    expect(await database.query(sql`select count(*)::int as n from t_cut`)).toEqual([{ n: 0 }]);
  });

  it('db.transaction on a cut connection fails too, and the pool still serves', async () => {
    await database.query(sql`create table if not exists t_cut2 (id int primary key)`);
    const err = await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into t_cut2 values (1)`);
        proxy.resetAll();
        await tx.execute(sql`select 1`).catch(() => {});
        await tx.execute(sql`insert into t_cut2 values (2)`);
      })
      .catch((e: unknown) => e);
    expect(isDatabaseUnavailable(err)).toBe(true);
    for (let i = 0; i < 12; i++) expect(await database.query(sql`select 1 as one`)).toEqual([{ one: 1 }]);
    expect(await database.query(sql`select count(*)::int as n from t_cut2`)).toEqual([{ n: 0 }]);
  });

  describe('a check-in', () => {
    let seed: SeededEvent;
    let cutInsideNextTransaction = false;
    let app: ReturnType<typeof createApp>;
    let phone: Phone;

    beforeAll(async () => {
      const deps = makeTestDeps(database);
      // Runs inside the recording transaction, after its writes: the link is cut right there.
      const cutHere: AcceptedHook = async (tx) => {
        if (!cutInsideNextTransaction) return;
        cutInsideNextTransaction = false;
        proxy.resetAll();
        await tx.execute(sql`select 1`).catch(() => {});
      };
      deps.services = { checkInAcceptedHooks: [cutHere] };
      app = createApp(deps);
      seed = await seedEvent(database);
      phone = await signIn(app, seed.eventId, seed.door);
    });

    const usedBy = async (code: string) =>
      (await database.query<{ n: number }>(sql`select checkins_used as n from attendees where event_id = ${seed.eventId} and ticket_code = ${code}`))[0].n;
    const rowsFor = async (scanId: string) =>
      (await database.query<{ n: number }>(sql`select count(*)::int as n from check_ins where scan_id = ${scanId}`))[0].n;

    it('cut during its open transaction answers 503 database_unavailable; retried, it is recorded once', async () => {
      const body = { scan_id: newScanId(), ticket_code: seed.codes[0] };
      cutInsideNextTransaction = true;
      const cut = await postJson(app, '/api/v1/check-in', phone, body);
      expect(cut.status).toBe(503);
      expect((await cut.json()).error.code).toBe('database_unavailable');
      expect(await rowsFor(body.scan_id)).toBe(0);
      const again = await postJson(app, '/api/v1/check-in', phone, body);
      expect(again.status).toBe(200);
      expect((await again.json()).data.verdict).toBe('accepted');
      expect(await rowsFor(body.scan_id)).toBe(1);
      expect(await usedBy(seed.codes[0])).toBe(1);
      // Healthy: more check-ins than the pool has connections, each answered.
      for (let i = 1; i <= 8; i++)
        expect((await postJson(app, '/api/v1/check-in', phone, { scan_id: newScanId(), ticket_code: seed.codes[i] })).status).toBe(200);
      expect((await health()).status).toBe(200);
    });
  });
});

describe('waiting for a pool slot', () => {
  let scratch: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    scratch = await createTestDatabase('postgres', { max: 2 });
    database = openPostgres({ url: scratch.url!, max: 2, acquireTimeoutMs: 300 });
  });
  afterAll(async () => {
    await database.close();
    await scratch.drop();
  });

  const sleepers = () =>
    scratch.database.query<{ pid: number }>(
      sql`select pid from pg_stat_activity where datname = current_database() and query like 'select pg_sleep(3600)%' and state = 'active'`,
    );

  it('answers 503 database_unavailable while every connection is stuck, then serves again', async () => {
    const { app, deps } = makeTestApp(database);
    const seed = await seedEvent(database);
    const phone = await signIn(app, seed.eventId, seed.door);
    // Both connections of the pool are taken by statements that do not end.
    const stuck = [1, 2].map(() => database.query(sql`select pg_sleep(3600)`).catch((e: unknown) => e));
    await until(sleepers, (rows) => rows.length === 2);

    const checkIn = () => postJson(app, '/api/v1/check-in', phone, { scan_id: newScanId(), ticket_code: seed.codes[0] });
    const waited = await checkIn();
    expect(waited.status).toBe(503);
    expect((await waited.json()).error.code).toBe('database_unavailable');
    // A plain query (not a transaction) is bounded too.
    expect(isDatabaseUnavailable(await deps.database.query(sql`select 1`).catch((e: unknown) => e))).toBe(true);

    await scratch.database.query(
      sql`select pg_cancel_backend(pid) from pg_stat_activity where datname = current_database() and query like 'select pg_sleep(3600)%'`,
    );
    await Promise.all(stuck);
    // Serves again: on a busy machine the first calls after the cancel may still find no
    // connection within the 300 ms bound (a new one is being opened); those answer 503 and
    // write nothing, so wait for the first 200.
    const served = await until(checkIn, (r) => r.status !== 503);
    expect(served.status).toBe(200);
    expect((await served.json()).data.verdict).toBe('accepted');
    expect(await database.query(sql`select count(*)::int as n from check_ins`)).toEqual([{ n: 1 }]);
  });
});
