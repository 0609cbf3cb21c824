// The Tickera routes over real HTTP handling (app.request) with a signed-in organiser,
// against the simulator: connecting, syncing with progress (JSON and SSE), and the API
// key kept out of responses, logs and the database.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTickeraSim, type TickeraSim } from '../../tickera-sim/server.ts';
import { createApp } from '../app.ts';
import type { AppDeps } from '../app-env.ts';
import { createLogger } from '../logger.ts';
import { consoleRequest, makeUser, signIn } from '../organiser/console-test-kit.ts';
import { makeTestDeps } from '../test/app.ts';
import { useTestDatabase } from '../test/db.ts';
import { insertEvent, testSyncSettings } from '../tickera/test-kit.ts';
import { until } from '../test/until.ts';

const KEY = '9F3A7C21';

describe('Tickera routes', () => {
  const t = useTestDatabase('postgres');
  const logLines: string[] = [];
  let sim: TickeraSim;
  let deps: AppDeps;
  let app: ReturnType<typeof createApp>;
  let cookie: string;
  let eventId: string;
  const req = (method: string, path: string, body?: unknown) => consoleRequest(app, cookie, method, path, body);
  const bodies: string[] = [];
  const json = async (res: Response) => {
    const text = await res.text();
    bodies.push(text);
    return JSON.parse(text);
  };

  beforeAll(async () => {
    sim = await startTickeraSim({ apiKey: KEY, tickets: 1_200, pageLatencyMs: 5 });
    deps = { ...makeTestDeps(t().database), logger: createLogger('debug', { write: (s: string) => void logLines.push(s) }) };
    deps.services!.tickeraSync = { ...testSyncSettings, perPage: 100 };
    app = createApp(deps);
    const organiser = await makeUser(t().database, 'organiser');
    cookie = await signIn(app, organiser.email);
    eventId = await insertEvent(t().database, 'Lab Fest', organiser.id);
  });
  afterAll(async () => {
    await sim.close();
    // The key never appears in any response, log line or column in plain text.
    expect(bodies.join('\n').toLowerCase()).not.toContain(KEY.toLowerCase());
    expect(logLines.length).toBeGreaterThan(5);
    expect(logLines.join('\n').toLowerCase()).not.toContain(KEY.toLowerCase());
    for (const table of ['events', 'sync_runs', 'tickera_outbox', 'attendees', 'ticket_types']) {
      const rows = await t().database.query<{ row: string }>(sql`select t::text as row from ${sql.identifier(table)} t`);
      expect(
        rows
          .map((r) => r.row)
          .join('\n')
          .toLowerCase(),
      ).not.toContain(KEY.toLowerCase());
    }
  });

  it('needs a signed-in user with access to the event', async () => {
    expect((await consoleRequest(app, null, 'POST', `/api/v1/events/${eventId}/sync`)).status).toBe(401);
    const stranger = await makeUser(t().database, 'organiser');
    const other = await signIn(app, stranger.email);
    expect((await consoleRequest(app, other, 'POST', `/api/v1/events/${eventId}/tickera`, { site_url: sim.url, api_key: KEY })).status).toBe(403);
  });

  it('bad input names the field and writes nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ site_url: 'example.org', api_key: KEY }, 'site_url'],
      [{ site_url: 'ftp://example.org', api_key: KEY }, 'site_url'],
      [{ site_url: sim.url, api_key: '' }, 'api_key'],
      [{ site_url: sim.url }, 'api_key'],
      [{ site_url: sim.url, api_key: KEY, starts_at: 'tomorrow' }, 'starts_at'],
      [{ site_url: sim.url, api_key: KEY, starts_at: '2026-07-10T18:00:00Z', ends_at: '2026-07-10T17:00:00Z' }, 'ends_at'],
      [{ site_url: sim.url, api_key: KEY, extra: 1 }, '(body)'],
    ];
    for (const [body, field] of cases) {
      const res = await req('POST', `/api/v1/events/${eventId}/tickera`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const b = await json(res);
      expect(b.error.details.issues.map((i: { path: string }) => i.path)).toContain(field);
    }
    const [row] = await t().database.query<{ site: string | null }>(sql`select tickera_site_url as site from events where id = ${eventId}`);
    expect(row!.site).toBeNull();
    const badConfirm = await req('POST', `/api/v1/events/${eventId}/sync?confirm_revocations=yes-please`);
    expect(badConfirm.status).toBe(400);
    expect((await json(badConfirm)).error.details.issues[0].path).toBe('confirm_revocations');
  });

  it('a rejected key, a non-Tickera site and a multi-event key are refused with a readable reason', async () => {
    const rejected = await req('POST', `/api/v1/events/${eventId}/tickera`, { site_url: sim.url, api_key: 'WRONGKEY' });
    expect(rejected.status).toBe(422);
    expect((await json(rejected)).error).toMatchObject({ message: 'API key rejected', details: { issues: [{ path: 'api_key' }] } });
    const html = await req('POST', `/api/v1/events/${eventId}/tickera`, { site_url: `${sim.url}/blog`, api_key: KEY });
    expect((await json(html)).error.message).toMatch(/^not a Tickera site/);
    const multi = await startTickeraSim({ apiKey: KEY, tickets: 2, multiEventKey: true });
    try {
      const res = await req('POST', `/api/v1/events/${eventId}/tickera`, { site_url: multi.url, api_key: KEY });
      expect((await json(res)).error.message).toMatch(/^key covers several events/);
    } finally {
      await multi.close();
    }
  });

  it('connects: start read in the site timezone, end = start + 6 h, key encrypted and never returned', async () => {
    const res = await req('POST', `/api/v1/events/${eventId}/tickera`, { site_url: sim.url, api_key: ` ${KEY} ` });
    expect(res.status).toBe(200);
    expect((await json(res)).data).toMatchObject({
      tickera_event_name: 'Lab Fest 2026',
      sold_tickets: 1200,
      starts_at: '2026-07-10T16:00:00.000Z',
      ends_at: '2026-07-10T22:00:00.000Z',
      timezone: 'Europe/Brussels',
      start_confirmed: true,
      writeback: false,
    });
    const [row] = await t().database.query<{ enc: string }>(sql`select tickera_api_key_enc as enc from events where id = ${eventId}`);
    expect(row!.enc).toMatch(/^v1\./);
    // Reconnecting the same site may leave the key out: the stored one is used.
    const again = await req('POST', `/api/v1/events/${eventId}/tickera`, { site_url: sim.url, starts_at: '2026-07-10T17:00:00Z', writeback: true });
    expect((await json(again)).data).toMatchObject({ starts_at: '2026-07-10T17:00:00.000Z', ends_at: '2026-07-10T23:00:00.000Z', writeback: true });
  });

  it('syncs with progress over JSON and SSE, one run at a time', async () => {
    const started = await req('POST', `/api/v1/events/${eventId}/sync`);
    expect(started.status).toBe(202);
    const run = (await json(started)).data;
    expect(run).toMatchObject({ status: 'running', event_id: eventId });
    expect((await req('POST', `/api/v1/events/${eventId}/sync`)).status).toBe(409);

    const stream = await req('GET', `/api/v1/events/${eventId}/sync/${run.id}/stream`);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const text = await stream.text();
    const events = [...text.matchAll(/event: (\w+)\ndata: (.*)\n/g)].map((m) => ({ event: m[1], data: JSON.parse(m[2]!) }));
    expect(events.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded', records: 1200, total: 1200, percent: 100 } });
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.data.percent as number);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const done = await json(await req('GET', `/api/v1/events/${eventId}/sync/${run.id}`));
    expect(done.data).toMatchObject({ status: 'succeeded', inserted: 1200, error: null });
    expect(done.data.tickera_ms + done.data.own_ms).toBeGreaterThan(0);
    const status = await json(await req('GET', `/api/v1/events/${eventId}/tickera`));
    expect(status.data).toMatchObject({ connected: true, last_run: { id: run.id }, writeback: { enabled: true, pending: 0, failed: 0 } });
  });

  it('an unknown run is 404 and a malformed run id is 400', async () => {
    expect((await req('GET', `/api/v1/events/${eventId}/sync/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await req('GET', `/api/v1/events/${eventId}/sync/nope`)).status).toBe(400);
  });

  it('a failed sync shows its error, with the key redacted', async () => {
    sim.fail({ endpoint: 'event_essentials', kind: '500', times: Infinity });
    try {
      const run = (await json(await req('POST', `/api/v1/events/${eventId}/sync`))).data;
      const view = await until(
        async () => (await json(await req('GET', `/api/v1/events/${eventId}/sync/${run.id}`))).data,
        (v) => v.status !== 'running',
      );
      expect(view).toMatchObject({ status: 'failed', error: 'WordPress answered 500 to event_essentials' });
    } finally {
      sim.clearFailures();
    }
  });
});
