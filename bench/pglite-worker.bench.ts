// Embedded PGlite on the main thread vs in a worker thread (the default), and Postgres for
// scale: saturated online check-in over real HTTP (50 keep-alive connections from the load
// worker of checkin.bench.ts, 10k attendees, unlimited tickets so every scan writes), printing
// check-ins/s, latency p50/p99 and the server's event-loop delay p99/max and utilisation.
// PGlite keeps its data in a temporary directory, as a server does. Each mode runs in its own
// process; BENCH_MODE=pglite-main|pglite-worker|postgres runs only that one,
// BENCH_SECONDS the measured window (default 8 s).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { openPglite } from '../server/db/client.ts';
import { migrateDatabase } from '../server/db/migrate.ts';
import type { TestDatabase } from '../server/test/scratch-db.ts';
import { ms, percentile, startBenchServer } from './checkin-kit.ts';

const MODES = ['pglite-main', 'pglite-worker', 'postgres'] as const;
type Mode = (typeof MODES)[number];
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

interface LoadResult {
  latencies: number[];
  seconds: number;
  verdicts: Record<string, number>;
  errors: number;
  /** The load worker's own busy time (it shares this process's CPU time). */
  busyMs: number;
}

async function pgliteDatabase(inWorker: boolean): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'fc-bench-pglite-'));
  const database = await openPglite(dir, { inWorker });
  await migrateDatabase(database);
  return {
    kind: 'pglite',
    database,
    async drop() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function runOne(mode: Mode) {
  const tdb = mode === 'postgres' ? undefined : await pgliteDatabase(mode === 'pglite-worker');
  const bench = await startBenchServer({ phones: CONNECTIONS, checkinsAllowed: 0, pool: 20, tdb });
  const load = (seconds: number) =>
    new Promise<LoadResult>((resolve, reject) => {
      const worker = new Worker(new URL('./checkin-load-worker.mjs', import.meta.url), {
        workerData: { port: bench.port, tokens: bench.tokens, connections: CONNECTIONS, mode: 'saturate', rate: 0, seconds, codes: 10_000 },
      });
      worker.once('message', resolve);
      worker.once('error', reject);
    });

  await load(2); // warm-up: JIT, PGlite's caches
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  delay.enable();
  const r = await load(SECONDS);
  delay.disable();
  const elu = performance.eventLoopUtilization(elu0);
  const cpu = process.cpuUsage(cpu0);
  await bench.close();

  const l = [...r.latencies].sort((a, b) => a - b);
  return {
    mode,
    perSecond: l.length / r.seconds,
    p50: percentile(l, 50),
    p99: percentile(l, 99),
    max: l[l.length - 1],
    loopP99: delay.percentile(99) / 1e6,
    loopMax: delay.max / 1e6,
    loopBusyPct: elu.utilization * 100,
    // CPU per check-in is what a busy shared machine disturbs least: the main thread's, and
    // the whole server's (all threads, PGlite's worker included, less the load generator).
    mainMsPer: elu.active / l.length,
    serverCpuMsPer: ((cpu.user + cpu.system) / 1000 - r.busyMs) / l.length,
    errors: r.errors,
    verdicts: r.verdicts,
  };
}

function print(x: Awaited<ReturnType<typeof runOne>>) {
  console.log(
    `${x.mode.padEnd(13)} saturated, ${CONNECTIONS} connections, ${SECONDS} s: ${x.perSecond.toFixed(0)} check-ins/s; ` +
      `p50 ${ms(x.p50)} p99 ${ms(x.p99)} max ${ms(x.max)}; event-loop delay p99 ${ms(x.loopP99)} max ${ms(x.loopMax)}; ` +
      `main thread busy ${x.loopBusyPct.toFixed(0)}%, ${x.mainMsPer.toFixed(2)} ms per check-in; server CPU (all threads${x.mode === 'postgres' ? ', not Postgres' : ''}) ${x.serverCpuMsPer.toFixed(2)} ms per check-in; errors ${x.errors} verdicts ${JSON.stringify(x.verdicts)}`,
  );
}

const only = process.env.BENCH_MODE as Mode | undefined;
if (only) {
  if (!MODES.includes(only)) throw new Error(`BENCH_MODE must be one of ${MODES.join(', ')}`);
  print(await runOne(only));
  process.exit(0);
}
// Each mode in a fresh process: no JIT, heap or PGlite state carried from one to the next.
const self = fileURLToPath(import.meta.url);
let failed = false;
for (const mode of MODES) {
  const r = spawnSync('npx', ['tsx', self], { stdio: 'inherit', env: { ...process.env, BENCH_MODE: mode } });
  if (r.status !== 0) {
    console.log(`${mode}: failed (exit ${r.status})`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
