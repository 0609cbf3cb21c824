// Online check-in through pgBouncer with two instances vs one instance on Postgres directly.
// Every configuration runs real `server/main.ts` processes on one scratch database (10k
// attendees, unlimited allowance: every scan locks, decides, UPDATEs and INSERTs); a real
// pgBouncer (transaction mode, default_pool_size 20 as deploy/pgbouncer.ini) is started here.
// Load: bench/checkin-load-worker.mjs, one worker per instance, 50 keep-alive connections in
// all (split between the instances): a fixed rate (latency from the intended send time),
// then saturation (closed loop). Printed: check-ins/s, p50/p99, errors, per configuration.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { mobileLogin } from '../server/auth/phone-login.ts';
import { seedEvent } from '../server/checkin/test-fixtures.ts';
import { makeTestDeps, testConfig, testSecrets } from '../server/test/app.ts';
import { freePort } from '../server/test/free-port.ts';
import { pgbouncerMissing, startPgBouncer } from '../server/test/pgbouncer.ts';
import { createTestDatabase } from '../server/test/scratch-db.ts';
import { ServerProcess } from '../server/test/server-process.ts';
import { ms, percentile } from './checkin-kit.ts';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const RATE = Number(process.env.BENCH_RATE ?? 300);

const missing = pgbouncerMissing();
if (missing) {
  console.log(missing);
  process.exit(0);
}

const tdb = await createTestDatabase('postgres');
const bouncer = await startPgBouncer({ targetUrl: tdb.url!, poolSize: 20 });
const seed = await seedEvent(tdb.database, { attendees: 10_000, checkinsAllowed: 0 });
const deps = makeTestDeps(tdb.database, { config: testConfig() });
const tokens: string[] = [];
for (let i = 0; i < CONNECTIONS; i++) tokens.push((await mobileLogin(deps, { event_id: seed.eventId, credential: seed.door, device_name: `Door ${i}` })).token);

async function startInstance(env: Record<string, string>): Promise<{ port: number; child: ServerProcess }> {
  const port = await freePort();
  const child = ServerProcess.spawn({
    ...testSecrets,
    PORT: String(port),
    HOST: '127.0.0.1',
    FASTCHECK_DATA_DIR: mkdtempSync(join(tmpdir(), 'fc-bench-pgb-')),
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    TICKERA_SCHEDULER: 'off',
    RATE_LIMIT_SCAN: '1000000',
    RATE_LIMIT_SYNC: '1000000',
    ...env,
  });
  await child.listening();
  return { port, child };
}

interface LoadResult {
  latencies: number[];
  seconds: number;
  verdicts: Record<string, number>;
  errors: number;
}

/** One load worker per instance at once, the connections and the rate split evenly; results merged. */
async function load(ports: number[], mode: 'fixed' | 'saturate', seconds: number, rate = 0): Promise<LoadResult> {
  const per = CONNECTIONS / ports.length;
  const results = await Promise.all(
    ports.map(
      (port, i) =>
        new Promise<LoadResult>((resolve, reject) => {
          const worker = new Worker(new URL('./checkin-load-worker.mjs', import.meta.url), {
            workerData: { port, tokens: tokens.slice(i * per, (i + 1) * per), connections: per, mode, rate: rate / ports.length, seconds, codes: 10_000 },
          });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  const verdicts: Record<string, number> = {};
  for (const r of results) for (const [v, n] of Object.entries(r.verdicts)) verdicts[v] = (verdicts[v] ?? 0) + n;
  return {
    latencies: results.flatMap((r) => r.latencies),
    seconds: Math.max(...results.map((r) => r.seconds)),
    verdicts,
    errors: results.reduce((s, r) => s + r.errors, 0),
  };
}

function report(label: string, r: LoadResult) {
  const l = [...r.latencies].sort((a, b) => a - b);
  console.log(
    `${label}: ${(l.length / r.seconds).toFixed(0)} check-ins/s (n=${l.length}); p50 ${ms(percentile(l, 50))} p99 ${ms(percentile(l, 99))} max ${ms(l[l.length - 1])}; verdicts ${JSON.stringify(r.verdicts)} errors ${r.errors}`,
  );
}

const direct = tdb.url!;
const viaBouncer = bouncer.urlFor(direct);
const configurations: { label: string; instances: Record<string, string>[] }[] = [
  { label: '1 instance, Postgres direct', instances: [{ DATABASE_URL: direct }] },
  { label: '1 instance through pgBouncer', instances: [{ DATABASE_URL: viaBouncer, PGBOUNCER: 'true', DATABASE_DIRECT_URL: direct }] },
  {
    label: '2 instances through pgBouncer',
    instances: [0, 1].map(() => ({ DATABASE_URL: viaBouncer, PGBOUNCER: 'true', DATABASE_DIRECT_URL: direct })),
  },
];

console.log(`machine: shared; ${CONNECTIONS} connections in all; fixed ${RATE} req/s for ${SECONDS} s, then saturation for ${SECONDS} s`);
for (const c of configurations) {
  const instances = [];
  for (const env of c.instances) instances.push(await startInstance(env));
  const ports = instances.map((i) => i.port);
  await load(ports, 'saturate', 2); // warm-up: JIT, connections
  report(`${c.label}, fixed ${RATE} req/s`, await load(ports, 'fixed', SECONDS, RATE));
  report(`${c.label}, saturation`, await load(ports, 'saturate', SECONDS));
  await Promise.all(instances.map((i) => i.child.stop()));
}

await bouncer.stop();
await tdb.drop();
process.exit(0);
