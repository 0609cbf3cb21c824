// Online check-in over real HTTP: 50 keep-alive connections from 50 phones against the real
// app (in this process, @hono/node-server on a random port) on real Postgres with 10k
// attendees. The load comes from a worker thread: a fixed 500 req/s (latency from the
// intended send time), then saturation (closed loop). Every scan is the full path.
import { Worker } from 'node:worker_threads';
import { startCpuSample, type CpuSample } from './checkin-cpu.ts';
import { ms, percentile, startBenchServer } from './checkin-kit.ts';

const CONNECTIONS = 50;

// Unlimited tickets (allowance 0): every scan locks, decides, UPDATEs and INSERTs.
const bench = await startBenchServer({ phones: CONNECTIONS, checkinsAllowed: 0, pool: 20 });

interface LoadResult {
  latencies: number[];
  seconds: number;
  verdicts: Record<string, number>;
  errors: number;
  busyMs: number;
  cpu?: CpuSample;
}

function load(mode: 'fixed' | 'saturate', seconds: number, rate = 0): Promise<LoadResult> {
  const worker = new Worker(new URL('./checkin-load-worker.mjs', import.meta.url), {
    workerData: { port: bench.port, tokens: bench.tokens, connections: CONNECTIONS, mode, rate, seconds, codes: 10_000 },
  });
  const sampling = startCpuSample(bench.deps.database);
  return new Promise((resolve, reject) => {
    worker.once('message', async (m: LoadResult) => resolve({ ...m, cpu: await (await sampling)(m.busyMs) }));
    worker.once('error', reject);
  });
}

function report(label: string, r: LoadResult) {
  const l = [...r.latencies].sort((a, b) => a - b);
  const mean = l.reduce((s, x) => s + x, 0) / l.length;
  console.log(
    `${label}: n=${l.length} ${(l.length / r.seconds).toFixed(0)} check-ins/s; p50 ${ms(percentile(l, 50))} p90 ${ms(percentile(l, 90))} p99 ${ms(percentile(l, 99))} max ${ms(l[l.length - 1])} mean ${ms(mean)}; verdicts ${JSON.stringify(r.verdicts)} errors ${r.errors}`,
  );
  const c = r.cpu!;
  const per = (x: number) => `${(x / l.length).toFixed(3)} ms`;
  // CPU per check-in is what a busy shared machine disturbs least; latency is queueing on top.
  console.log(
    `  cpu per check-in: server thread ${per(c.serverMs)}, load worker ${per(c.workerMs)}, postgres ${per(c.postgresMs)}; machine busy ${c.machineBusyPct.toFixed(0)}% of 2 cores; ` +
      `GC ${c.gcCount} pauses ${c.gcMs.toFixed(0)} ms total; event-loop delay p99 ${ms(c.loopDelayP99Ms)} max ${ms(c.loopDelayMaxMs)}; Postgres checkpoints ${c.checkpoints}`,
  );
}

await load('saturate', 2); // warm-up: JIT, connections
report('fixed 500 req/s, 50 connections, 6 s', await load('fixed', 6, 500));
report('saturation, 50 connections, 6 s', await load('saturate', 6));
await bench.close();
process.exit(0);
