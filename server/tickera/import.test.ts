// One Tickera key covering two events: discovered, both imported as FastCheck events over
// real HTTP handling, each synced with only its own tickets and on its own schedule; and
// a site whose /wp-json/ is blocked: the answer says the zone is unknown, and the zone
// the organiser chooses is stored and used to read Tickera's start. Both databases.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTickeraSim, type TickeraSim } from '../../tickera-sim/server.ts';
import { createApp } from '../app.ts';
import type { AppDeps } from '../app-env.ts';
import { fakeClock } from '../clock.ts';
import { consoleRequest, makeUser, signIn } from '../organiser/console-test-kit.ts';
import { makeTestDeps } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { until } from '../test/until.ts';
import { createTickeraScheduler } from './scheduler.ts';
import { insertEvent, testSyncSettings } from './test-kit.ts';

const KEY = '5C0FFEE5';

describe.each(dbKinds)('a multi-event Tickera key and a blocked /wp-json/ over %s', (kind) => {
  const t = useTestDatabase(kind);
  const clock = fakeClock('2026-07-10T10:00:00Z');
  let multi: TickeraSim;
  let single: TickeraSim;
  let deps: AppDeps;
  let app: ReturnType<typeof createApp>;
  let cookie: string;
  let organiserId: string;
  const req = (method: string, path: string, body?: unknown) => consoleRequest(app, cookie, method, path, body);
  const bodies: string[] = [];
  const json = async (res: Response) => {
    const text = await res.text();
    bodies.push(text);
    return JSON.parse(text);
  };
  const runOf = (eventId: string, runId: string) =>
    until(
      async () => (await json(await req('GET', `/api/v1/events/${eventId}/sync/${runId}`))).data,
      (r) => r.status !== 'running',
    );
  const attendeeCodes = async (eventId: string) =>
    (await t().database.query<{ code: string }>(sql`select ticket_code as code from attendees where event_id = ${eventId} and status = 'valid'`)).map(
      (r) => r.code,
    );

  beforeAll(async () => {
    multi = await startTickeraSim({
      apiKey: KEY,
      events: [
        { name: 'Harbour Nights &amp; Days', tickets: 130 },
        { name: 'Dock Jazz', tickets: 70 },
      ],
    });
    single = await startTickeraSim({ apiKey: KEY, tickets: 20, eventName: 'Lab Fest', eventStart: new Date('2026-07-10T16:00:00Z') });
    deps = makeTestDeps(t().database, { clock });
    deps.services!.tickeraSync = { ...testSyncSettings, perPage: 50 };
    app = createApp(deps);
    const organiser = await makeUser(t().database, 'organiser');
    organiserId = organiser.id;
    cookie = await signIn(app, organiser.email);
  });
  afterAll(async () => {
    await multi.close();
    await single.close();
    expect(bodies.join('\n').toLowerCase()).not.toContain(KEY.toLowerCase());
  });

  it('discovers both events of the key with their ticket counts and the site zone', async () => {
    const res = await req('POST', '/api/v1/tickera/discover', { site_url: multi.url, api_key: KEY });
    expect(res.status).toBe(200);
    const { data } = await json(res);
    expect(data).toMatchObject({
      site_url: multi.url,
      multi_event: true,
      sold_tickets: 200,
      timezone: 'Europe/Brussels',
      timezone_known: true,
      timezone_note: null,
      events: [
        { title: 'Dock Jazz', tickets: 70, site_start: null, starts_at: null, imported_event_id: null },
        // Entities decoded: the title as an organiser reads it.
        { title: 'Harbour Nights & Days', tickets: 130, site_start: null, starts_at: null, imported_event_id: null },
      ],
    });
  });

  it('bad input names the field, with a 4xx, and creates nothing', async () => {
    const before = (await t().database.query<{ n: number }>(sql`select count(*)::int as n from events`))[0]!.n;
    const cases: Array<[string, unknown, number, string]> = [
      ['discover', { site_url: 'example.org', api_key: KEY }, 400, 'site_url'],
      ['discover', { site_url: multi.url }, 400, 'api_key'],
      ['discover', { site_url: multi.url, api_key: 'WRONGKEY' }, 422, 'api_key'],
      ['import', { site_url: multi.url, api_key: KEY, events: [] }, 400, 'events'],
      ['import', { site_url: multi.url, api_key: KEY, events: [{ title: 'Dock Jazz' }, { title: 'Dock Jazz' }] }, 400, 'events.1.title'],
      ['import', { site_url: multi.url, api_key: KEY, events: [{ title: 'Dock Jazz', starts_at: 'soon' }] }, 400, 'events.0.starts_at'],
      ['import', { site_url: multi.url, api_key: KEY, timezone: 'Mars/Olympus', events: [{ title: 'Dock Jazz' }] }, 400, 'timezone'],
      ['import', { site_url: multi.url, api_key: KEY, events: [{ title: 'Dock Jazz', event_id: 'x' }] }, 400, 'events.0.event_id'],
      ['import', { site_url: multi.url, api_key: KEY, events: [{ title: 'Rock Night' }] }, 422, 'events.0.title'],
    ];
    for (const [step, body, status, field] of cases) {
      const res = await req('POST', `/api/v1/tickera/${step}`, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((await json(res)).error.details.issues.map((i: { path: string }) => i.path)).toContain(field);
    }
    // Attaching to someone else's event is refused.
    const stranger = await makeUser(t().database, 'organiser');
    const theirs = await insertEvent(t().database, 'Theirs', stranger.id);
    const res = await req('POST', '/api/v1/tickera/import', { site_url: multi.url, api_key: KEY, events: [{ title: 'Dock Jazz', event_id: theirs }] });
    expect(res.status).toBe(403);
    expect((await t().database.query<{ n: number }>(sql`select count(*)::int as n from events`))[0]!.n).toBe(before + 1);
    // A supervisor may look but not import.
    const door = await makeUser(t().database, 'supervisor');
    const other = await signIn(app, door.email);
    expect((await consoleRequest(app, other, 'POST', '/api/v1/tickera/discover', { site_url: multi.url, api_key: KEY })).status).toBe(403);
    const doorUser = await makeUser(t().database, 'door');
    const doorCookie = await signIn(app, doorUser.email).catch(() => null);
    expect((await consoleRequest(app, doorCookie, 'POST', '/api/v1/tickera/import', { site_url: multi.url, api_key: KEY, events: [] })).status).toBeOneOf([
      401, 403,
    ]);
    expect((await consoleRequest(app, null, 'POST', '/api/v1/tickera/discover', { site_url: multi.url, api_key: KEY })).status).toBe(401);
  });

  it('imports both events: each its own FastCheck event with only its tickets, synced and scheduled on its own', async () => {
    const res = await req('POST', '/api/v1/tickera/import', {
      site_url: multi.url,
      api_key: KEY,
      events: [
        { title: 'Harbour Nights & Days', starts_at: '2026-07-10T11:00:00Z' },
        { title: 'Dock Jazz', name: 'Jazz on the Dock', starts_at: '2026-07-20T18:00:00Z', ends_at: '2026-07-20T23:00:00Z' },
      ],
    });
    expect(res.status).toBe(201);
    const { data } = await json(res);
    expect(data).toMatchObject({ site_url: multi.url, timezone: 'Europe/Brussels' });
    const [harbour, jazz] = data.events;
    // No end given: start + 6 h, stored as assumed (the console asks to confirm it); an end given is confirmed.
    expect(harbour).toMatchObject({
      name: 'Harbour Nights & Days',
      created: true,
      starts_at: '2026-07-10T11:00:00.000Z',
      ends_at: '2026-07-10T17:00:00.000Z',
      end_confirmed: false,
    });
    expect(jazz).toMatchObject({ name: 'Jazz on the Dock', created: true, start_confirmed: true, ends_at: '2026-07-20T23:00:00.000Z', end_confirmed: true });
    expect(harbour.event_id).not.toBe(jazz.event_id);

    expect(await runOf(harbour.event_id, harbour.sync_run_id)).toMatchObject({ status: 'succeeded', records: 130, inserted: 130, total: 200 });
    expect(await runOf(jazz.event_id, jazz.sync_run_id)).toMatchObject({ status: 'succeeded', records: 70, inserted: 70 });
    const harbourCodes = new Set(multi.tickets.filter((x) => multi.eventOf(x) === 'Harbour Nights &amp; Days').map((x) => x.code));
    expect(new Set(await attendeeCodes(harbour.event_id))).toEqual(harbourCodes);
    expect((await attendeeCodes(jazz.event_id)).every((c) => !harbourCodes.has(c))).toBe(true);

    // The key is stored once per event, encrypted and bound to that event.
    const keys = await t().database.query<{ enc: string; title: string | null }>(
      sql`select tickera_api_key_enc as enc, tickera_event_title as title from events where id in (${harbour.event_id}, ${jazz.event_id}) order by name`,
    );
    expect(keys.map((k) => k.title)).toEqual(['Harbour Nights & Days', 'Dock Jazz']);
    expect(keys[0]!.enc).not.toBe(keys[1]!.enc);

    // Discovering again marks both as imported; importing again re-attaches, never duplicates.
    const again = (await json(await req('POST', '/api/v1/tickera/discover', { site_url: multi.url, api_key: KEY }))).data;
    expect(Object.fromEntries(again.events.map((e: { title: string; imported_event_id: string }) => [e.title, e.imported_event_id]))).toEqual({
      'Harbour Nights & Days': harbour.event_id,
      'Dock Jazz': jazz.event_id,
    });

    // A sale for one event reaches only that event, on that event's own schedule:
    // ten minutes on, Harbour (starting within two hours) is due, Dock Jazz (ten days off) is not.
    const sold = multi.sell(3);
    clock.advance(11 * 60_000);
    const scheduler = createTickeraScheduler(deps);
    expect(await scheduler.tick()).toEqual([harbour.event_id]);
    await scheduler.idle();
    const harbourNow = await attendeeCodes(harbour.event_id);
    for (const s of sold) expect(harbourNow).toContain(s.code);
    expect(await attendeeCodes(jazz.event_id)).toHaveLength(70);
    const runs = await t().database.query<{ event_id: string; n: number }>(
      sql`select event_id, count(*)::int as n from sync_runs where event_id in (${harbour.event_id}, ${jazz.event_id}) group by event_id`,
    );
    expect(Object.fromEntries(runs.map((r) => [r.event_id, r.n]))).toEqual({ [harbour.event_id]: 2, [jazz.event_id]: 1 });

    // Its Tickera tab can reconnect with the stored multi-event key: the organiser's start stays.
    const reconnected = await req('POST', `/api/v1/events/${jazz.event_id}/tickera`, { site_url: multi.url, writeback: true });
    expect(reconnected.status).toBe(200);
    expect((await json(reconnected)).data).toMatchObject({
      tickera_event_name: 'Dock Jazz',
      starts_at: '2026-07-20T18:00:00.000Z',
      ends_at: '2026-07-20T23:00:00.000Z',
      start_confirmed: true,
      writeback: true,
    });

    // A manual sync of Dock Jazz runs for it alone.
    const manual = (await json(await req('POST', `/api/v1/events/${jazz.event_id}/sync`))).data;
    expect(await runOf(jazz.event_id, manual.id)).toMatchObject({ status: 'succeeded', records: 70, inserted: 0, revoked: 0 });
  });

  it("import trusts discover's signed note of the key's events, and reads the key again without a valid one", async () => {
    const found = (await json(await req('POST', '/api/v1/tickera/discover', { site_url: multi.url, api_key: KEY }))).data;
    expect(found.discovery_token).toMatch(/^[\w-]+\.[\w-]+$/);
    const body = (token?: string) => ({
      site_url: multi.url,
      api_key: KEY,
      ...(token ? { discovery_token: token } : {}),
      events: [{ title: 'Dock Jazz', starts_at: '2026-07-20T18:00:00Z' }],
    });
    // From here on the key's tickets cannot be read at all.
    multi.fail({ endpoint: 'tickets_info', kind: '500', times: Number.POSITIVE_INFINITY });
    try {
      const before = multi.calls.filter((c) => c.endpoint === 'tickets_info').length;
      const trusted = await req('POST', '/api/v1/tickera/import', body(found.discovery_token));
      expect(trusted.status).toBe(201);
      const ev = (await json(trusted)).data.events[0];
      expect(ev).toMatchObject({ title: 'Dock Jazz', created: false });
      // Only the event's own first sync asked for tickets (and it failed, changing nothing).
      expect(await runOf(ev.event_id, ev.sync_run_id)).toMatchObject({ status: 'failed' });
      expect(await attendeeCodes(ev.event_id)).toHaveLength(70);
      expect(multi.calls.filter((c) => c.endpoint === 'tickets_info').length).toBeGreaterThan(before);

      const tampered = `${found.discovery_token.slice(0, -2)}xx`;
      for (const token of [undefined, tampered]) {
        const res = await req('POST', '/api/v1/tickera/import', body(token));
        expect(res.status, String(token)).toBe(502);
        expect((await json(res)).error.message).toMatch(/^WordPress answered 500 to tickets_info/);
      }
      // Another key's note is no good either (the same site, a key that does not match).
      const wrongKey = await req('POST', '/api/v1/tickera/import', { ...body(found.discovery_token), api_key: 'OTHERKEY' });
      expect(wrongKey.status).toBe(422);
    } finally {
      multi.clearFailures();
    }
  });

  it('blocked /wp-json/: connecting says the zone is unknown; the chosen zone is stored and reads the start', async () => {
    single.setWpJson('403');
    try {
      const eventId = await insertEvent(t().database, 'Lab', organiserId);
      const blocked = await req('POST', `/api/v1/events/${eventId}/tickera`, { site_url: single.url, api_key: KEY });
      expect(blocked.status).toBe(200);
      const first = (await json(blocked)).data;
      expect(first).toMatchObject({
        timezone_known: false,
        start_confirmed: false,
        starts_at: null,
        site_start: 'July 10, 2026 6:00 pm',
        site_wall_times: ['2026-07-10T18:00'],
      });
      expect(first.timezone_note).toMatch(/wp-json\/ is blocked \(HTTP 403/);

      // The organiser says the site runs on New York time: 18:00 there is 22:00 UTC.
      const chosen = (await json(await req('POST', `/api/v1/events/${eventId}/tickera`, { site_url: single.url, timezone: 'America/New_York' }))).data;
      expect(chosen).toMatchObject({
        timezone_known: true,
        timezone_note: null,
        timezone: 'America/New_York',
        start_confirmed: true,
        starts_at: '2026-07-10T22:00:00.000Z',
      });
      const [row] = await t().database.query<{ tz: string; confirmed: boolean }>(
        sql`select timezone as tz, tickera_start_confirmed as confirmed from events where id = ${eventId}`,
      );
      expect(row).toEqual({ tz: 'America/New_York', confirmed: true });

      // A 404 and an HTML page are named too; import refuses to guess the zone.
      single.setWpJson('404');
      const discovered = (await json(await req('POST', '/api/v1/tickera/discover', { site_url: single.url, api_key: KEY }))).data;
      expect(discovered).toMatchObject({
        timezone_known: false,
        multi_event: false,
        events: [{ title: 'Lab Fest', starts_at: null, site_wall_times: ['2026-07-10T18:00'] }],
      });
      expect(discovered.timezone_note).toMatch(/turned off \(HTTP 404\)/);
      const refused = await req('POST', '/api/v1/tickera/import', { site_url: single.url, api_key: KEY, events: [{ title: 'Lab Fest' }] });
      expect(refused.status).toBe(422);
      expect((await json(refused)).error.details.issues[0]).toMatchObject({ path: 'timezone' });
      const imported = await req('POST', '/api/v1/tickera/import', {
        site_url: single.url,
        api_key: KEY,
        timezone: 'Asia/Tokyo',
        events: [{ title: 'Lab Fest' }],
      });
      expect(imported.status).toBe(201);
      const ev = (await json(imported)).data.events[0];
      // Re-attached to the event connected above (same site, whole key), read in Tokyo time.
      expect(ev).toMatchObject({ event_id: eventId, created: false, starts_at: '2026-07-10T09:00:00.000Z', start_confirmed: true });
      expect(await runOf(eventId, ev.sync_run_id)).toMatchObject({ status: 'succeeded', records: 20 });
    } finally {
      single.setWpJson(true);
    }
  });
});
