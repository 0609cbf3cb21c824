import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTickeraSim, type TickeraSim } from '../../tickera-sim/server.ts';
import type { AppDeps } from '../app-env.ts';
import { syncRuns } from '../db/schema.ts';
import { fakeClock } from '../clock.ts';
import { makeTestDeps, testConfig } from '../test/app.ts';
import { useTestDatabase } from '../test/db.ts';
import { createTickeraScheduler, tickeraSchedulerService } from './scheduler.ts';
import { connectedEvent, testSyncSettings } from './test-kit.ts';

describe('Tickera scheduler: several events, each on its own schedule', () => {
  const t = useTestDatabase('postgres');
  // The simulator's event starts 2026-07-10T16:00Z; two days before it.
  const clock = fakeClock('2026-07-08T12:00:00Z');
  const sims: TickeraSim[] = [];
  let deps: AppDeps;

  beforeAll(async () => {
    deps = makeTestDeps(t().database, { clock });
    deps.services!.tickeraSync = { ...testSyncSettings, perPage: 50, attempts: 2 };
  });
  afterAll(async () => {
    for (const s of sims) await s.close();
  });

  const runs = async (eventId: string) =>
    t().database.query<{ status: string; trigger: string; error: string | null }>(
      sql`select status, trigger, error from sync_runs where event_id = ${eventId} order by started_at`,
    );

  it('runs due syncs side by side; a failing site does not hold back the others', async () => {
    for (const n of [120, 80, 60]) sims.push(await startTickeraSim({ tickets: n, pageLatencyMs: 10 }));
    const [a, b, broken] = await Promise.all(sims.map((s) => connectedEvent(deps, s)));
    sims[2]!.fail({ endpoint: 'event_essentials', kind: '500', times: Infinity });
    const scheduler = createTickeraScheduler(deps);
    expect(new Set(await scheduler.tick())).toEqual(new Set([a, b, broken]));
    await scheduler.idle();
    expect(await runs(a!)).toMatchObject([{ status: 'succeeded', trigger: 'schedule' }]);
    expect(await runs(b!)).toMatchObject([{ status: 'succeeded' }]);
    expect(await runs(broken!)).toMatchObject([{ status: 'failed', error: 'WordPress answered 500 to event_essentials' }]);

    // Two days out: every 6 h. Nothing is due an hour later; all three are due 6 h later.
    clock.advance(60 * 60_000);
    expect(await scheduler.tick()).toEqual([]);
    clock.advance(5 * 60 * 60_000);
    sims[2]!.clearFailures();
    expect(await scheduler.tick()).toHaveLength(3);
    await scheduler.idle();
    expect((await runs(broken!)).at(-1)).toMatchObject({ status: 'succeeded' });
  });

  it('is off when TICKERA_SCHEDULER=off; on, it shows a sync left running by a stopped server as failed', async () => {
    const sim = await startTickeraSim({ tickets: 5 });
    sims.push(sim);
    const eventId = await connectedEvent(deps, sim);
    // A process started this sync 31 minutes ago and died: the console would say "running" for ever.
    await t()
      .database.db.insert(syncRuns)
      .values({ eventId, status: 'running', trigger: 'schedule', startedAt: new Date(clock.now().getTime() - 31 * 60_000) });

    const stopOff = await tickeraSchedulerService({ ...deps, config: testConfig({ TICKERA_SCHEDULER: 'off' }) });
    await stopOff();
    expect(await runs(eventId)).toMatchObject([{ status: 'running', error: null }]);

    const stopOn = await tickeraSchedulerService({ ...deps, config: testConfig({ TICKERA_SCHEDULER: 'on' }) });
    await stopOn();
    expect(await runs(eventId)).toMatchObject([{ status: 'failed', error: 'abandoned: the server stopped during this sync' }]);
  });
});
