// The database goes away and comes back: /health says 503 within its bound, nothing hangs,
// and the app recovers by itself. Real Postgres behind a switchable TCP proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ORIGIN } from '../organiser/console-test-kit.ts';
import { makeTestApp } from '../test/app.ts';
import { startPgProxy, type PgProxy } from '../test/pg-proxy.ts';
import { createTestDatabase, type TestDatabase } from '../test/scratch-db.ts';
import { until } from '../test/until.ts';
import { openPostgres, type Database } from './client.ts';

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

  // postgres.js 3.4.9 throws "Cannot read properties of null (reading 'write')" from a
  // setImmediate when a query is written to a connection that was just killed; see
  // process-guards.ts. Not yet covered by a passing test.
  it.todo('survives every connection being killed mid-transaction');
});
