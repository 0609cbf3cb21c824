import { afterAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER } from '../../shared/protocol/headers.ts';
import { MIN_SUPPORTED_PROTOCOL_VERSION, PROTOCOL_VERSION } from '../../shared/protocol/protocol-version.ts';
import { newScanId, seedEvent, signIn, type Phone } from '../checkin/test-fixtures.ts';
import { closeSharedRedis } from '../http/rate-limit.ts';
import { makeTestApp } from '../test/app.ts';
import { useTestDatabase } from '../test/db.ts';

afterAll(closeSharedRedis);

describe('the phone protocol version', () => {
  const t = useTestDatabase('postgres');

  async function setup() {
    const { app } = makeTestApp(t().database);
    const seed = await seedEvent(t().database);
    const phone = await signIn(app, seed.eventId, seed.door);
    return { app, seed, phone };
  }

  /** Every phone route, as the phone calls it, speaking `version` (undefined: no header). */
  function phoneCalls(
    app: Awaited<ReturnType<typeof setup>>['app'],
    seed: Awaited<ReturnType<typeof setup>>['seed'],
    phone: Phone,
    version: string | undefined,
  ) {
    const headers = { ...phone.auth, ...(version === undefined ? {} : { [PROTOCOL_HEADER]: version }) };
    const post = (path: string, body: unknown) => app.request(path, { method: 'POST', headers, body: JSON.stringify(body) });
    const scan = () => ({ scan_id: newScanId(), ticket_code: seed.codes[0], scanned_at: new Date().toISOString() });
    return {
      'POST /api/v1/mobile/login': () => post('/api/v1/mobile/login', { event_id: seed.eventId, credential: seed.door }),
      'POST /api/v1/mobile/scans': () => post('/api/v1/mobile/scans', { scans: [scan()], sent_at: new Date().toISOString() }),
      'POST /api/v1/check-in/batch': () => post('/api/v1/check-in/batch', { scans: [scan()], sent_at: new Date().toISOString() }),
      'POST /api/v1/check-in': () => post('/api/v1/check-in', scan()),
      'GET /api/v1/mobile/attendees': () => app.request('/api/v1/mobile/attendees?limit=5', { headers }),
      'GET /api/v1/mobile/conflicts': () => app.request('/api/v1/mobile/conflicts?since=0', { headers }),
      'GET /api/v1/mobile/events-stream': () => app.request('/api/v1/mobile/events-stream', { headers }),
    };
  }

  it('a version older than the minimum is refused on every phone route with 426 unsupported_protocol, and nothing is recorded', async () => {
    const { app, seed, phone } = await setup();
    const old = String(MIN_SUPPORTED_PROTOCOL_VERSION - 1);
    for (const [route, call] of Object.entries(phoneCalls(app, seed, phone, old))) {
      const res = await call();
      expect(res.status, route).toBe(426);
      const body = (await res.json()) as { error: { code: string; message: string; details: unknown } };
      expect(body.error, route).toEqual({
        code: 'unsupported_protocol',
        message: expect.stringContaining('Update the app'),
        details: { client_version: MIN_SUPPORTED_PROTOCOL_VERSION - 1, min_version: MIN_SUPPORTED_PROTOCOL_VERSION, current_version: PROTOCOL_VERSION },
      });
    }
    // The refused scans were not recorded: the ticket is still unused.
    const current = phoneCalls(app, seed, phone, String(PROTOCOL_VERSION));
    const res = await current['POST /api/v1/check-in']();
    expect(((await res.json()) as { data: { verdict: string } }).data.verdict).toBe('accepted');
  });

  it('a phone newer than the server is refused too, saying the server is the older one', async () => {
    const { app, seed, phone } = await setup();
    const res = await phoneCalls(app, seed, phone, String(PROTOCOL_VERSION + 1))['POST /api/v1/check-in']();
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string; details: { client_version: number } } };
    expect(error).toMatchObject({
      code: 'unsupported_protocol',
      message: expect.stringContaining('the server must be updated'),
      details: { client_version: PROTOCOL_VERSION + 1 },
    });
  });

  it('a header that is not a whole number is a 400 naming the header', async () => {
    const { app, seed, phone } = await setup();
    for (const bad of ['abc', '1.5', '-1', '']) {
      const res = await phoneCalls(app, seed, phone, bad)['GET /api/v1/mobile/attendees']();
      expect(res.status, bad).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; message: string; details: unknown } };
      expect(error, bad).toEqual({
        code: 'validation_failed',
        message: `Invalid header: ${PROTOCOL_HEADER}: must be a whole number`,
        details: { issues: [{ path: PROTOCOL_HEADER, message: 'must be a whole number' }] },
      });
    }
  });

  it('the current version, or no header at all (a script), is served', async () => {
    const { app, seed, phone } = await setup();
    for (const version of [String(PROTOCOL_VERSION), ` ${PROTOCOL_VERSION} `, undefined]) {
      for (const [route, call] of Object.entries(phoneCalls(app, seed, phone, version))) {
        expect((await call()).status, `${route} with ${version}`).toBe(200);
      }
    }
  });

  it('console routes do not look at the header', async () => {
    const { app } = await setup();
    const res = await app.request('/api/v1/auth/me', { headers: { [PROTOCOL_HEADER]: '0' } });
    expect(res.status).toBe(401);
  });
});
