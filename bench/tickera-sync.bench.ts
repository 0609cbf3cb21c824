// Tickera sync of 10,000 attendees from the simulator (50 ms per page) into a scratch
// Postgres database. Prints total time, the split between waiting on Tickera and our own
// work, and records/s. Target: ≤ 10 s, with our own work not the bottleneck.
import { sql } from 'drizzle-orm';
import { startTickeraSim } from '../tickera-sim/server.ts';
import { makeTestDeps } from '../server/test/app.ts';
import { createTestDatabase } from '../server/test/scratch-db.ts';
import { startSync, type SyncSettings } from '../server/tickera/sync.ts';
import { connectedEvent } from '../server/tickera/test-kit.ts';

const N = 10_000;
const tdb = await createTestDatabase('postgres', { max: 10 });
const deps = makeTestDeps(tdb.database);

async function measure(label: string, eventId: string, settings: Partial<SyncSettings>) {
  const started = performance.now();
  const { done } = await startSync(deps, eventId, { settings });
  const run = await done;
  const ms = performance.now() - started;
  if (run.status !== 'succeeded') throw new Error(`${label}: ${run.error}`);
  const rate = Math.round(run.records / (ms / 1000));
  console.log(
    `${label.padEnd(46)} ${(ms / 1000).toFixed(2).padStart(6)} s  tickera ${String(run.tickeraMs).padStart(5)} ms  own ${String(run.ownMs).padStart(5)} ms  ` +
      `${String(rate).padStart(6)} records/s  (inserted ${run.inserted}, updated ${run.updated}, pages ${run.pages})`,
  );
  return { ms, run };
}

try {
  const sim = await startTickeraSim({ tickets: N, pageLatencyMs: 50 });
  const eventId = await connectedEvent(deps, sim);
  console.log(`Tickera sync bench: ${N} tickets, simulator at 50 ms per page, Postgres (${tdb.url?.replace(/\/\/[^@]*@/, '//')})`);
  const first = await measure('first sync, 500/page, 4 concurrent', eventId, { perPage: 500, concurrency: 4 });
  await measure('repeat sync, nothing changed', eventId, { perPage: 500, concurrency: 4 });
  sim.sell(50);
  for (const t of sim.tickets.slice(0, 500)) t.ownerLast += ' Jr';
  await measure('repeat sync, 50 sales + 500 renamed', eventId, { perPage: 500, concurrency: 4 });
  await measure('repeat sync, 100/page, 4 concurrent', eventId, { perPage: 100, concurrency: 4 });
  await measure('repeat sync, 500/page, 1 at a time', eventId, { perPage: 500, concurrency: 1 });
  await sim.close();

  // A site as slow as the measured real one: ~100 ms per page + ~1.3 ms per row.
  const real = await startTickeraSim({ tickets: N, pageLatencyMs: 100, rowLatencyMs: 1.3 });
  const realEvent = await connectedEvent(deps, real);
  await measure('real-site pace (100 ms + 1.3 ms/row), 500/page', realEvent, { perPage: 500, concurrency: 4 });
  await real.close();

  const [{ n }] = await tdb.database.query<{ n: number }>(sql`select count(*)::int as n from attendees where event_id = ${eventId}`);
  console.log(`attendees in the database for the 50 ms event: ${n}`);
  const verdict = first.ms <= 10_000 ? 'within' : 'OVER';
  console.log(`first sync ${(first.ms / 1000).toFixed(2)} s: ${verdict} the 10 s target; own work ${first.run.ownMs} ms of ${Math.round(first.ms)} ms`);
} finally {
  await tdb.drop();
}
