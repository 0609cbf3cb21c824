// Tickera gives no end: connecting stores the assumed start + 6 h as unconfirmed until the
// organiser confirms or changes it, and a confirmed three-day end keeps the syncs frequent
// on day two (the assumed one would have stopped them on day one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTickeraSim, type TickeraSim } from '../../tickera-sim/server.ts';
import type { AppDeps } from '../app-env.ts';
import { createApp } from '../app.ts';
import { fakeClock } from '../clock.ts';
import { findTickeraEvent } from '../db/repos/tickera-events.ts';
import { syncRuns } from '../db/schema.ts';
import { consoleRequest, dataOf, makeUser, signIn } from '../organiser/console-test-kit.ts';
import { makeTestDeps } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { nextSyncAt } from './schedule.ts';
import { createTickeraScheduler } from './scheduler.ts';
import { insertEvent, testSyncSettings } from './test-kit.ts';

const START = new Date('2026-07-10T16:00:00Z'); // the simulator's event start
const HOUR = 3_600_000;
const at = (hours: number) => new Date(START.getTime() + hours * HOUR);

describe.each(dbKinds)('the end of a Tickera event over %s', (kind) => {
  const t = useTestDatabase(kind);
  const clock = fakeClock('2026-07-08T12:00:00Z');
  let sim: TickeraSim;
  let deps: AppDeps;
  let app: ReturnType<typeof createApp>;
  let cookie: string;
  let ownerId: string;
  const req = (method: string, path: string, body?: unknown) => consoleRequest(app, cookie, method, path, body);

  beforeAll(async () => {
    sim = await startTickeraSim({ tickets: 20 });
    deps = makeTestDeps(t().database, { clock });
    deps.services!.tickeraSync = { ...testSyncSettings, perPage: 50 };
    app = createApp(deps);
    const organiser = await makeUser(t().database, 'organiser');
    ownerId = organiser.id;
    cookie = await signIn(app, organiser.email);
  });
  afterAll(async () => {
    await sim.close();
  });

  it('connecting without an end assumes start + 6 h, says it is unconfirmed, and the organiser confirms it', async () => {
    const id = await insertEvent(t().database, 'Club Night', ownerId);
    const connection = await dataOf(await req('POST', `/api/v1/events/${id}/tickera`, { site_url: sim.url, api_key: sim.apiKey }));
    expect(connection).toMatchObject({ starts_at: START.toISOString(), ends_at: at(6).toISOString(), start_confirmed: true, end_confirmed: false });
    expect((await findTickeraEvent(t().database.db, id))!.endConfirmed).toBe(false);
    expect(await dataOf(await req('GET', `/api/v1/events/${id}`))).toMatchObject({ end_confirmed: false });
    expect(await dataOf(await req('GET', `/api/v1/events/${id}/tickera`))).toMatchObject({ end_confirmed: false });

    const confirmed = await dataOf(await req('PATCH', `/api/v1/events/${id}`, { end_confirmed: true }));
    expect(confirmed).toMatchObject({ ends_at: at(6).toISOString(), end_confirmed: true });
    // Connecting again (a key rotated) without an end asks again: the end is still Tickera's guess.
    await dataOf(await req('POST', `/api/v1/events/${id}/tickera`, { site_url: sim.url }));
    expect((await findTickeraEvent(t().database.db, id))!.endConfirmed).toBe(false);
  });

  it('an end the organiser gives when connecting is stored as confirmed; end_confirmed false is refused', async () => {
    const id = await insertEvent(t().database, 'Festival', ownerId);
    const ends = at(3 * 24).toISOString();
    const connection = await dataOf(await req('POST', `/api/v1/events/${id}/tickera`, { site_url: sim.url, api_key: sim.apiKey, ends_at: ends }));
    expect(connection).toMatchObject({ ends_at: ends, end_confirmed: true });
    const refused = await req('PATCH', `/api/v1/events/${id}`, { end_confirmed: false });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('end_confirmed');
  });

  it('changing the end in the console confirms it', async () => {
    const id = await insertEvent(t().database, 'Weekender', ownerId);
    await dataOf(await req('POST', `/api/v1/events/${id}/tickera`, { site_url: sim.url, api_key: sim.apiKey }));
    const changed = await dataOf(await req('PATCH', `/api/v1/events/${id}`, { ends_at: at(48).toISOString() }));
    expect(changed).toMatchObject({ ends_at: at(48).toISOString(), end_confirmed: true });
  });

  it('a confirmed three-day end keeps the syncs every 2 minutes on day two; the assumed end would have stopped them', () => {
    const dayTwo = at(30);
    const lastSync = new Date(dayTwo.getTime() - 3 * 60_000);
    // The assumed end (start + 6 h): its after-end sync is long done, nothing more on day two.
    expect(nextSyncAt({ startsAt: START, endsAt: at(6) }, dayTwo, lastSync)).toBeNull();
    // Three days: during the event, every 2 minutes (due now, 2 minutes after the last).
    expect(nextSyncAt({ startsAt: START, endsAt: at(72) }, dayTwo, lastSync)).toEqual(dayTwo);
    expect(nextSyncAt({ startsAt: START, endsAt: at(72) }, dayTwo, dayTwo)).toEqual(new Date(dayTwo.getTime() + 2 * 60_000));
  });

  it('the scheduler syncs a three-day event on day two, not one left on the assumed end', async () => {
    const festival = await insertEvent(t().database, 'Three days', ownerId);
    const assumed = await insertEvent(t().database, 'Assumed end', ownerId);
    await dataOf(await req('POST', `/api/v1/events/${festival}/tickera`, { site_url: sim.url, api_key: sim.apiKey, ends_at: at(72).toISOString() }));
    await dataOf(await req('POST', `/api/v1/events/${assumed}/tickera`, { site_url: sim.url, api_key: sim.apiKey }));
    clock.set(at(30));
    // Both synced 3 minutes ago (on day two, after the assumed end's last sync).
    for (const eventId of [festival, assumed]) {
      await t()
        .database.db.insert(syncRuns)
        .values({ eventId, status: 'succeeded', trigger: 'schedule', startedAt: new Date(at(30).getTime() - 3 * 60_000) });
    }
    const scheduler = createTickeraScheduler(deps);
    const started = await scheduler.tick();
    await scheduler.idle();
    expect(started).toContain(festival);
    expect(started).not.toContain(assumed);
  });
});
