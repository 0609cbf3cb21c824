// Drill: Postgres goes away under check-in load. A switchable TCP proxy between the real app
// (over real HTTP) and the shared Postgres kills every connection and, for `cutMs`, refuses
// new ones (as a stopped Postgres does) or black-holes them (a network that drops all), then
// passes again (stopping the shared Postgres itself would disturb other users of it).
// Check-ins arrive at a steady rate, each a new scan of an unused ticket; /health is probed
// throughout. Figures: /health answer times during the cut, check-in answers by status
// during the cut, unanswered requests, and the time from the link's return to the first 200.
import { serve, type ServerType } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { percentile } from '../bench/checkin-kit.ts';
import { createApp } from '../server/app.ts';
import { mobileLogin } from '../server/auth/phone-login.ts';
import { seedEvent } from '../server/checkin/test-fixtures.ts';
import { openPostgres } from '../server/db/client.ts';
import { makeTestDeps, testConfig } from '../server/test/app.ts';
import { startPgProxy } from '../server/test/pg-proxy.ts';
import { createTestDatabase } from '../server/test/scratch-db.ts';
import { addStatuses, httpNet, NetworkDrop, secs, sleep } from './kit.ts';

export interface DbCutOptions {
  cutMs: number;
  /** 'refuse': Postgres stopped (connections refused); 'black-hole': the network drops everything. */
  mode: 'refuse' | 'black-hole';
  /** Check-ins per second, steady (open loop: a slow answer does not slow the arrivals). */
  rate: number;
  /** Load before the cut and after the link is back. */
  beforeMs?: number;
  afterMs?: number;
}

export interface DbCutFigures {
  cutMs: number;
  mode: DbCutOptions['mode'];
  rate: number;
  healthMs: { p50: number; max: number };
  healthStatuses: Record<string, number>;
  /** Check-ins started during the cut, by how they were answered. */
  cutStatuses: Record<string, number>;
  /** Every check-in of the run by answer, and how many never got one. */
  allStatuses: Record<string, number>;
  unanswered: number;
  serverErrors: number;
  /** From the link's return to the first check-in answered 200 (null: none). */
  firstOkAfterRestoreMs: number | null;
}

export async function dbCutDrill(options: DbCutOptions): Promise<DbCutFigures> {
  const scratch = await createTestDatabase('postgres', { max: 1 });
  const proxy = await startPgProxy(scratch.url!);
  const database = openPostgres({ url: proxy.url, max: 10 });
  const deps = makeTestDeps(database, { config: testConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_SCAN: '100000', RATE_LIMIT_SYNC: '100000' }) });
  const app = createApp(deps);
  const expected = Math.ceil(((options.beforeMs ?? 2000) + options.cutMs + (options.afterMs ?? 5000)) / 1000) * options.rate + options.rate * 5;
  const seed = await seedEvent(scratch.database, { attendees: Math.max(1000, expected) });
  const { token } = await mobileLogin(deps, { event_id: seed.eventId, credential: seed.door, device_name: 'Drill door' });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  // Open loop: as many sockets as requests in flight, so no request waits on the client side.
  const net = httpNet(() => port, new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY }));
  const healthNet = httpNet(() => port);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  let phase: 'before' | 'cut' | 'after' = 'before';
  let restoredAt = 0;
  let firstOkAfterRestoreMs: number | null = null;
  let pending = 0;
  const cutStatuses: Record<string, number> = {};
  const allStatuses: Record<string, number> = {};
  let next = 0;

  const checkIn = async () => {
    const startedIn = phase;
    const code = seed.codes[next++ % seed.codes.length];
    pending++;
    let status: string;
    try {
      const res = await net.send('POST', '/api/v1/check-in', headers, JSON.stringify({ scan_id: randomUUID(), ticket_code: code }));
      status = String(res.status);
      if (res.status === 200 && phase === 'after' && firstOkAfterRestoreMs === null) firstOkAfterRestoreMs = performance.now() - restoredAt;
    } catch (err) {
      if (!(err instanceof NetworkDrop)) throw err;
      status = 'network error';
    } finally {
      pending--;
    }
    if (startedIn === 'cut') cutStatuses[status] = (cutStatuses[status] ?? 0) + 1;
    allStatuses[status] = (allStatuses[status] ?? 0) + 1;
  };

  let loading = true;
  const load = (async () => {
    const every = 1000 / options.rate;
    const t0 = performance.now();
    for (let i = 0; loading; i++) {
      void checkIn();
      const wait = t0 + (i + 1) * every - performance.now();
      if (wait > 0) await sleep(wait);
    }
  })();

  await sleep(options.beforeMs ?? 2000);
  phase = 'cut';
  proxy.setMode(options.mode);
  const cutEnds = performance.now() + options.cutMs;
  const healthTimes: number[] = [];
  const healthStatuses: Record<string, number> = {};
  while (performance.now() < cutEnds) {
    const t0 = performance.now();
    const res = await healthNet.send('GET', '/health', {}).catch(() => ({ status: 'network error' }));
    healthTimes.push(performance.now() - t0);
    healthStatuses[res.status] = (healthStatuses[res.status] ?? 0) + 1;
    await sleep(Math.min(200, Math.max(0, cutEnds - performance.now())));
  }
  proxy.setMode('pass');
  restoredAt = performance.now();
  phase = 'after';
  await sleep(options.afterMs ?? 5000);
  loading = false;
  await load;
  // Anything still open now is a request that hangs; give the stragglers the acquire bound.
  const waitUntil = performance.now() + 10_000;
  while (pending > 0 && performance.now() < waitUntil) await sleep(50);
  const unanswered = pending;
  if (unanswered > 0) allStatuses.unanswered = unanswered;

  healthTimes.sort((a, b) => a - b);
  const figures: DbCutFigures = {
    cutMs: options.cutMs,
    mode: options.mode,
    rate: options.rate,
    healthMs: { p50: percentile(healthTimes, 50), max: healthTimes.at(-1) ?? 0 },
    healthStatuses,
    cutStatuses,
    allStatuses: addStatuses({}, allStatuses),
    unanswered,
    serverErrors: Object.entries(allStatuses)
      .filter(([s]) => Number(s) >= 500 && s !== '503')
      .reduce((a, [, n]) => a + n, 0),
    firstOkAfterRestoreMs,
  };
  net.agent.destroy();
  healthNet.agent.destroy();
  server.close();
  await database.close();
  await proxy.close();
  await scratch.drop();
  return figures;
}

export function dbCutLines(f: DbCutFigures): string[] {
  return [
    `db cut: ${secs(f.cutMs)} ${f.mode === 'refuse' ? 'Postgres refusing connections (stopped)' : 'black-hole (network drops everything)'} under ${f.rate} check-ins/s`,
    `  /health during cut: p50 ${f.healthMs.p50.toFixed(0)} ms, max ${f.healthMs.max.toFixed(0)} ms, statuses ${JSON.stringify(f.healthStatuses)}`,
    `  check-ins started during cut, by answer: ${JSON.stringify(f.cutStatuses)}`,
    `  all check-ins by answer: ${JSON.stringify(f.allStatuses)}; unanswered ${f.unanswered}; 5xx other than 503: ${f.serverErrors}`,
    `  link back -> first 200 check-in: ${f.firstOkAfterRestoreMs === null ? 'none' : secs(f.firstOkAfterRestoreMs)} (target <= 5 s)`,
  ];
}
