// Tickera bench (issue 14), against the simulator at a real site's costs: about 100 ms per
// tickets_info page plus 1.3 ms per row (the light end of 1.3-5 ms), served by 4 PHP
// workers sharing 2 cores (tickera-sim/php-site.ts), in a process of its own.
// 1. A full sync of 10,000 tickets into a scratch Postgres vs a plain client paging the
//    same site one 500-ticket page after another, in the same run: both times and the
//    ratio (target ≤ 0.67). Alternated twice, so a change in machine load hits both.
// 2. Write-back after kill -9 of a real server process mid-queue: when the restarted
//    process resumes and when it has taken the dead one's claims over.
// 3. Online write-back delay: a check-in queued → Tickera has it (target ≤ 3 s).
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { startTickeraSim, type TickeraSim } from '../tickera-sim/server.ts';
import { freePort } from '../server/test/free-port.ts';
import { CHECKIN_ACCEPTED_TOPIC, runAcceptedHooks } from '../server/checkin/events.ts';
import { makeTestDeps } from '../server/test/app.ts';
import { createTestDatabase } from '../server/test/scratch-db.ts';
import { startSync, type SyncSettings } from '../server/tickera/sync.ts';
import type { FetchPlan } from '../server/tickera/sync-fetch.ts';
import { connectedEvent } from '../server/tickera/test-kit.ts';
import { runWritebackCrash } from '../server/tickera/writeback-crash-kit.ts';
import { tickeraWritebackService } from '../server/tickera/writeback.ts';

const N = 10_000;
/** The site runs in its own process, as a real one is another machine: its JSON work does not share our event loop. */
async function startSiteProcess(): Promise<{ sim: TickeraSim; stop: () => void }> {
  const port = await freePort();
  const args = [
    'tsx',
    'tickera-sim/main.ts',
    '--tickets',
    String(N),
    '--port',
    String(port),
    '--latency',
    '100',
    '--row-latency',
    '1.3',
    '--workers',
    '4',
    '--cores',
    '2',
  ];
  const child = spawn('npx', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const key = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /API key:\s+(\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}): ${out}`)));
  });
  const sim = { url: `http://127.0.0.1:${port}`, apiKey: key } as TickeraSim;
  return { sim, stop: () => void child.kill('SIGTERM') };
}
const tdb = await createTestDatabase('postgres', { max: 10 });
const deps = makeTestDeps(tdb.database);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** A simple client: one 500-ticket page after another until a short page. */
async function sequentialClient(sim: TickeraSim): Promise<number> {
  const started = performance.now();
  let records = 0;
  for (let page = 1; ; page++) {
    const res = await fetch(`${sim.url}/tc-api/${sim.apiKey}/tickets_info/500/${page}`);
    const items = (await res.json()) as Array<{ data?: unknown }>;
    const rows = items.filter((i) => i.data).length;
    records += rows;
    if (rows < 500) break;
  }
  if (records !== N) throw new Error(`sequential client read ${records} records`);
  return performance.now() - started;
}

async function fastCheckSync(
  sim: TickeraSim,
  settings: Partial<SyncSettings> = {},
): Promise<{ ms: number; plan?: FetchPlan; ownMs: number; tickeraMs: number; pages: number }> {
  const eventId = await connectedEvent(deps, sim);
  let plan: FetchPlan | undefined;
  const started = performance.now();
  const { done } = await startSync(deps, eventId, { settings, onPlan: (p) => (plan = p) });
  const run = await done;
  const ms = performance.now() - started;
  if (run.status !== 'succeeded' || run.records !== N) throw new Error(`sync: ${run.status} ${run.records} ${run.error}`);
  return { ms, plan, ownMs: run.ownMs ?? 0, tickeraMs: run.tickeraMs ?? 0, pages: run.pages ?? 0 };
}

try {
  const { sim, stop: stopSite } = await startSiteProcess();
  console.log(`Tickera sync: ${N} tickets, simulator at 100 ms/page + 1.3 ms/row, 4 PHP workers on 2 cores, Postgres`);
  const pairs: Array<[number, number]> = [];
  for (let round = 1; round <= 2; round++) {
    const sequential = await sequentialClient(sim);
    const sync = await fastCheckSync(sim);
    pairs.push([sequential, sync.ms]);
    const p = sync.plan!;
    console.log(
      `round ${round}: sequential 500/page ${s(sequential)}   FastCheck sync ${s(sync.ms)} (tickera ${sync.tickeraMs} ms, own ${sync.ownMs} ms, ` +
        `${sync.pages} pages of ${p.perPage}, concurrency ${p.concurrency} (peak ${p.peakConcurrency}), backoffs ${p.backoffs})   ratio ${(sync.ms / sequential).toFixed(2)}`,
    );
  }
  const fixed = await fastCheckSync(sim, { adaptive: false, perPage: 500, concurrency: 4 });
  console.log(`for comparison, fixed 500/page × 4 concurrent (before issue 14): ${s(fixed.ms)}`);
  const seqTotal = pairs.reduce((a, [x]) => a + x, 0);
  const syncTotal = pairs.reduce((a, [, y]) => a + y, 0);
  const ratio = syncTotal / seqTotal;
  console.log(
    `SYNC RATIO ${ratio.toFixed(2)} (FastCheck ${s(syncTotal / 2)} vs sequential ${s(seqTotal / 2)}, mean of 2 rounds): ${ratio <= 0.67 ? 'within' : 'OVER'} the 0.67 target`,
  );
  stopSite();

  // Online write-back delay, in-process: queued in the recording transaction → Tickera has it.
  const wbSim = await startTickeraSim({ tickets: 60, pageLatencyMs: 100, rowLatencyMs: 1.3, checkInLatencyMs: 150, workers: 4, cores: 2 });
  const wbEvent = await connectedEvent(deps, wbSim, { writeback: true });
  const stop = await tickeraWritebackService(deps);
  const delays: number[] = [];
  try {
    for (const ticket of wbSim.tickets.slice(0, 20)) {
      const accepted = {
        eventId: wbEvent,
        scanId: randomUUID(),
        ticketCode: ticket.code,
        scannedAt: new Date(),
        attendeeId: 1,
        reentry: false,
        conflict: false,
      };
      const landed = wbSim.nextCall((c) => c.endpoint === 'check_in' && c.code === ticket.code);
      const started = performance.now();
      await tdb.database.db.transaction((tx) => runAcceptedHooks(deps, tx, [accepted]));
      deps.bus.publish(CHECKIN_ACCEPTED_TOPIC, accepted);
      await landed;
      delays.push(performance.now() - started);
    }
  } finally {
    await stop();
    await wbSim.close();
  }
  delays.sort((a, b) => a - b);
  console.log(
    `online write-back delay (check-in recorded → check_in reaches Tickera, 20 one after another): median ${Math.round(delays[10]!)} ms, max ${Math.round(delays[19]!)} ms`,
  );

  const crash = await runWritebackCrash(tdb.database, tdb.url!, { rows: 40, checkInLatencyMs: 300 });
  console.log(
    `write-back after kill -9 (40 queued, killed after ${crash.checkInsBeforeKill} check_in calls, ${crash.heldAtKill} claims held, ${crash.uncertainAtKill} mid-call):`,
  );
  console.log(
    `  restarted process listening ${s(crash.listeningAfterRestartMs)}; first Tickera call ${s(crash.resumeAfterRestartMs)} after restart (${s(crash.resumeAfterKillMs)} after the kill)`,
  );
  console.log(
    `  dead instance's claims first touched ${s(crash.takeoverStartAfterRestartMs)} and all done ${s(crash.takeoverAfterRestartMs)} after restart; queue drained ${s(crash.drainedAfterRestartMs)} after restart`,
  );
  console.log(`  double check-ins at Tickera: ${crash.doubles}; missing: ${crash.missing}; rows not done: ${crash.notDone}`);
} finally {
  await tdb.drop();
}
