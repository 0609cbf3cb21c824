import { randomBytes, scryptSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../clock.ts';
import { sessions, users } from '../db/schema.ts';
import { LOGIN_FAILURE_DELAY_MS, LOGIN_LIMITS } from '../auth/console-login.ts';
import { closeSharedRedis } from '../http/rate-limit.ts';
import { consoleRequest, makeUser, signIn, TEST_ORIGIN, TEST_PASSWORD } from '../organiser/console-test-kit.ts';
import { makeTestApp, testConfig } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';

const login = (app: ReturnType<typeof makeTestApp>['app'], body: unknown, headers: Record<string, string> = {}) =>
  app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe.each(dbKinds)('console auth over %s', (kind) => {
  const t = useTestDatabase(kind);

  it('signs in with an HttpOnly SameSite=Strict cookie and knows who you are', async () => {
    const { app } = makeTestApp(t().database);
    const user = await makeUser(t().database, 'organiser');
    const res = await login(app, { email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { user: Record<string, unknown> } };
    expect(body.data.user).toMatchObject({ id: user.id, email: user.email, role: 'organiser' });
    expect(JSON.stringify(body)).not.toContain('scrypt');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^fc_session=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('Max-Age=43200');
    expect(cookie).not.toContain('Secure');

    const me = await consoleRequest(app, cookie.split(';')[0], 'GET', '/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { data: { user: { id: string } } }).data.user.id).toBe(user.id);
  });

  it('marks the cookie Secure over HTTPS', async () => {
    const { app } = makeTestApp(t().database, { config: testConfig({ ENABLE_HTTPS: 'true' }) });
    const user = await makeUser(t().database, 'admin');
    const res = await login(app, { email: user.email, password: TEST_PASSWORD });
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('answers 401 after the constant delay, the same for a wrong password and an unknown email', async () => {
    const { app } = makeTestApp(t().database);
    const user = await makeUser(t().database, 'organiser');
    for (const body of [
      { email: user.email, password: 'wrong password!' },
      { email: 'nobody@example.test', password: 'whatever123' },
    ]) {
      const started = Date.now();
      const res = await login(app, body);
      expect(Date.now() - started).toBeGreaterThanOrEqual(LOGIN_FAILURE_DELAY_MS - 5);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'unauthorized', message: 'Email or password is wrong' } });
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('refuses malformed JSON, a wrong content type and missing fields without a 500', async () => {
    const { app } = makeTestApp(t().database);
    const malformed = await login(app, '{"email":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'invalid_json' } });

    const wrongType = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: TEST_ORIGIN },
      body: 'email=a@b.c&password=x',
    });
    expect(wrongType.status).toBeGreaterThanOrEqual(400);
    expect(wrongType.status).toBeLessThan(500);
    const wrongBody = (await wrongType.json()) as { error: { code: string; message: string } };
    expect(wrongBody.error.message).toMatch(/content-type/i);

    const missing = await login(app, { email: 'not-an-email' });
    expect(missing.status).toBe(400);
    const issues = ((await missing.json()) as { error: { details: { issues: Array<{ path: string }> } } }).error.details.issues;
    expect(issues.map((i) => i.path).sort()).toEqual(['email', 'password']);
  });

  it('logout revokes the session row; the old cookie is refused afterwards', async () => {
    const { app } = makeTestApp(t().database);
    const user = await makeUser(t().database, 'organiser');
    const cookie = await signIn(app, user.email);
    const out = await consoleRequest(app, cookie, 'POST', '/api/v1/auth/logout');
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/fc_session=;.*Max-Age=0/);
    const rows = await t().database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows[0].revokedAt).not.toBeNull();
    expect((await consoleRequest(app, cookie, 'GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('a session expires after 12 hours', async () => {
    const clock = fakeClock('2026-07-10T12:00:00Z');
    const { app } = makeTestApp(t().database, { clock });
    const user = await makeUser(t().database, 'organiser');
    const cookie = await signIn(app, user.email);
    clock.advance(11 * 3600_000);
    expect((await consoleRequest(app, cookie, 'GET', '/api/v1/auth/me')).status).toBe(200);
    clock.advance(3600_000 + 1000);
    expect((await consoleRequest(app, cookie, 'GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('a forged or foreign-key cookie is not a session', async () => {
    const { app } = makeTestApp(t().database);
    const user = await makeUser(t().database, 'admin');
    const cookie = await signIn(app, user.email);
    const { app: other } = makeTestApp(t().database, { config: testConfig({ SECRET_KEY_BASE: 'another-secret-key-base-0123456789abcdef0123' }) });
    expect((await consoleRequest(other, cookie, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await consoleRequest(app, 'fc_session=not.a.jwt', 'GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('disabling a user revokes their sessions at once', async () => {
    const { app } = makeTestApp(t().database);
    const admin = await makeUser(t().database, 'admin');
    const user = await makeUser(t().database, 'organiser');
    const adminCookie = await signIn(app, admin.email);
    const cookie = await signIn(app, user.email);
    const res = await consoleRequest(app, adminCookie, 'PATCH', `/api/v1/users/${user.id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect((await consoleRequest(app, cookie, 'GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await login(app, { email: user.email, password: TEST_PASSWORD })).status).toBe(401);
  });
});

describe('login throttling (postgres)', () => {
  const t = useTestDatabase('postgres');

  it('blocks an email from one IP after too many attempts, even with the right password, and says when to retry', async () => {
    const { app } = makeTestApp(t().database, { config: testConfig({ TRUST_PROXY: 'true' }) });
    const stranger = { 'x-forwarded-for': '198.51.100.20' };
    const user = await makeUser(t().database, 'organiser');
    const attempts = await Promise.all(
      Array.from({ length: LOGIN_LIMITS.perEmailAndIp }, () => login(app, { email: user.email, password: 'wrong password!' }, stranger)),
    );
    expect(attempts.map((r) => r.status)).toEqual(Array(LOGIN_LIMITS.perEmailAndIp).fill(401));
    const blocked = await login(app, { email: user.email, password: TEST_PASSWORD }, stranger);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // Another account from the same place is not affected.
    const other = await makeUser(t().database, 'organiser');
    expect((await login(app, { email: other.email, password: TEST_PASSWORD }, stranger)).status).toBe(200);
    // The stranger does not lock the owner out: the same email from the owner's IP signs in.
    expect((await login(app, { email: user.email, password: TEST_PASSWORD }, { 'x-forwarded-for': '198.51.100.21' })).status).toBe(200);
  });

  it('upgrades a hash made with older scrypt parameters on the next successful sign-in', async () => {
    const { app } = makeTestApp(t().database);
    const user = await makeUser(t().database, 'organiser');
    const salt = randomBytes(16);
    const oldKey = scryptSync(TEST_PASSWORD.normalize('NFKC'), salt, 32, { N: 16384, r: 8, p: 1 });
    const oldHash = `scrypt$16384$8$1$${salt.toString('base64url')}$${oldKey.toString('base64url')}`;
    await t().database.db.update(users).set({ passwordHash: oldHash }).where(eq(users.id, user.id));
    expect((await login(app, { email: user.email, password: TEST_PASSWORD })).status).toBe(200);
    const [row] = await t().database.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
    // The new hash verifies too.
    expect((await login(app, { email: user.email, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('blocks an IP (behind a trusted proxy) across many emails, not its neighbours', async () => {
    const { app } = makeTestApp(t().database, { config: testConfig({ TRUST_PROXY: 'true' }) });
    const xff = { 'x-forwarded-for': '198.51.100.7' };
    const statuses = [];
    for (let i = 0; i < LOGIN_LIMITS.perIp; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, (_, j) => login(app, { email: `guess${i + j}@example.test`, password: 'x' }, xff)));
      statuses.push(...batch.map((r) => r.status));
    }
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect((await login(app, { email: 'guess-last@example.test', password: 'x' }, xff)).status).toBe(429);
    const user = await makeUser(t().database, 'organiser');
    expect((await login(app, { email: user.email, password: TEST_PASSWORD }, { 'x-forwarded-for': '198.51.100.8' })).status).toBe(200);
  });

  it('shares counts through Redis when REDIS_URL is set (two app instances)', async () => {
    const config = testConfig({ REDIS_URL: 'redis://127.0.0.1:6379' });
    const email = `redis-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`;
    const { app: a } = makeTestApp(t().database, { config });
    const { app: b } = makeTestApp(t().database, { config });
    const half = LOGIN_LIMITS.perEmailAndIp / 2;
    await Promise.all(Array.from({ length: half }, () => login(a, { email, password: 'x' })));
    await Promise.all(Array.from({ length: half }, () => login(b, { email, password: 'x' })));
    expect((await login(a, { email, password: 'x' })).status).toBe(429);
  });

  afterAll(async () => {
    await closeSharedRedis();
  });
});
