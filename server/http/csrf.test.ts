import { describe, expect, it } from 'vitest';
import { consoleRequest, makeUser, signIn, TEST_ORIGIN } from '../organiser/console-test-kit.ts';
import { makeTestApp, testConfig } from '../test/app.ts';
import { useTestDatabase } from '../test/db.ts';

describe('CSRF defence on console writes', () => {
  const t = useTestDatabase('pglite');
  const newEvent = { name: 'CSRF night' };

  async function setup(config = testConfig()) {
    const { app } = makeTestApp(t().database, { config });
    const user = await makeUser(t().database, 'organiser');
    return { app, cookie: await signIn(app, user.email) };
  }

  it('refuses a cookie-bearing write from another origin, or with no origin at all, and writes nothing', async () => {
    const { app, cookie } = await setup();
    const attempts: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { origin: 'null' }, { origin: '', 'sec-fetch-site': 'cross-site' }];
    for (const headers of attempts) {
      const res = await consoleRequest(app, cookie, 'POST', '/api/v1/events', newEvent, headers);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'csrf_rejected' } });
    }
    const bare = await app.request('/api/v1/events', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(newEvent),
    });
    expect(bare.status).toBe(403);
    const list = await consoleRequest(app, cookie, 'GET', '/api/v1/events');
    expect(((await list.json()) as { data: unknown[] }).data).toEqual([]);
  });

  it('lets same-origin writes through (Origin or Sec-Fetch-Site), and PUBLIC_URL counts as ours', async () => {
    const { app, cookie } = await setup(testConfig({ PUBLIC_URL: 'https://checkin.example.org' }));
    expect((await consoleRequest(app, cookie, 'POST', '/api/v1/events', newEvent)).status).toBe(201);
    expect((await consoleRequest(app, cookie, 'POST', '/api/v1/events', newEvent, { origin: '', 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await consoleRequest(app, cookie, 'POST', '/api/v1/events', newEvent, { origin: 'https://checkin.example.org' })).status).toBe(201);
  });

  it('reads are not affected', async () => {
    const { app, cookie } = await setup();
    expect((await consoleRequest(app, cookie, 'GET', '/api/v1/events', undefined, { origin: 'https://evil.example' })).status).toBe(200);
  });

  it('a cross-site sign-in is refused; a script without browser headers may sign in', async () => {
    const { app } = makeTestApp(t().database);
    const user = await makeUser(t().database, 'organiser');
    const body = JSON.stringify({ email: user.email, password: 'correct horse battery staple' });
    const cross = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body,
    });
    expect(cross.status).toBe(403);
    const script = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(script.status).toBe(200);
  });

  it('phone routes are never checked, even when a console cookie rides along', async () => {
    const { app, cookie } = await setup();
    for (const path of ['/api/v1/mobile/login', '/api/v1/check-in', '/api/v1/check-in/batch', '/api/v1/mobile/scans']) {
      const res = await app.request(path, {
        method: 'POST',
        headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status, path).not.toBe(403);
      expect(await res.text(), path).not.toContain('csrf_rejected');
    }
    expect(TEST_ORIGIN).toBe('http://localhost');
  });
});
