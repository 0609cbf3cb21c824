// Postgres goes away for 10 s under load: a switchable TCP proxy between the real app
// (over real HTTP) and real Postgres black-holes every connection, then passes again.
// The load is sign-in attempts (each one a database read, answered 401 when the database
// is up), not check-ins. Prints /health answer times during the cut, status counts during
// the cut, requests unanswered 10 s after restore, and time to first success after restore.
// Known gap: sign-in attempts soon hit the per-IP login limit (429, before the database), so
// only the /health figures and the unanswered count are meaningful; check-in load is to do.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { openPostgres } from '../server/db/client.ts';
import { makeTestApp } from '../server/test/app.ts';
import { startPgProxy } from '../server/test/pg-proxy.ts';
import { createTestDatabase } from '../server/test/scratch-db.ts';
import { ms, percentile } from './checkin-kit.ts';

const CUT_MS = 10_000;
const WORKERS = 20;

const scratch = await createTestDatabase('postgres', { max: 1 });
const proxy = await startPgProxy(scratch.url!);
const database = openPostgres({ url: proxy.url, max: 10 });
const { app } = makeTestApp(database);
const server: ServerType = await new Promise((resolve) => {
  const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

let phase: 'before' | 'cut' | 'after' = 'before';
let pendingFromCut = 0;
let running = true;
let firstSuccessAfterRestore: number | undefined;
let restoredAt = 0;
const cutStatuses: Record<string, number> = {};

async function signInAttempt() {
  const startedIn = phase;
  if (startedIn === 'cut') pendingFromCut++;
  try {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: 'nobody@example.com', password: 'not-the-password' }),
    });
    await res.arrayBuffer();
    if (startedIn === 'cut') cutStatuses[res.status] = (cutStatuses[res.status] ?? 0) + 1;
    if (phase === 'after' && res.status === 401 && firstSuccessAfterRestore === undefined) {
      firstSuccessAfterRestore = performance.now() - restoredAt;
    }
  } catch {
    if (startedIn === 'cut') cutStatuses['network error'] = (cutStatuses['network error'] ?? 0) + 1;
  } finally {
    if (startedIn === 'cut') pendingFromCut--;
  }
}

const workers = Array.from({ length: WORKERS }, async () => {
  while (running) await signInAttempt();
});

await new Promise((r) => setTimeout(r, 2000));
phase = 'cut';
proxy.setMode('black-hole');
const cutEnds = performance.now() + CUT_MS;
const healthTimes: number[] = [];
const healthStatuses: Record<number, number> = {};
while (performance.now() < cutEnds) {
  const t0 = performance.now();
  const res = await fetch(`${base}/health`);
  await res.arrayBuffer();
  healthTimes.push(performance.now() - t0);
  healthStatuses[res.status] = (healthStatuses[res.status] ?? 0) + 1;
  await new Promise((r) => setTimeout(r, 200));
}
proxy.setMode('pass');
restoredAt = performance.now();
phase = 'after';
await new Promise((r) => setTimeout(r, 10_000));
const unanswered = pendingFromCut;
running = false;
await Promise.all(workers);

healthTimes.sort((a, b) => a - b);
console.log(`db outage: ${CUT_MS / 1000} s black-hole, ${WORKERS} concurrent sign-in attempts`);
console.log(`  /health during cut: p50 ${ms(percentile(healthTimes, 50))}, max ${ms(healthTimes.at(-1) ?? 0)}, statuses ${JSON.stringify(healthStatuses)}`);
console.log(`  data requests started during cut, by status: ${JSON.stringify(cutStatuses)}`);
console.log(`  started during cut, unanswered 10 s after restore: ${unanswered}`);
console.log(`  first success after restore: ${firstSuccessAfterRestore === undefined ? 'none' : ms(firstSuccessAfterRestore)}`);

server.close();
await database.close();
await proxy.close();
await scratch.drop();
process.exit(0);
