// Phone sign-in throttles: sixty doors behind one venue NAT all sign in at the start of a
// shift, while wrong codes are stopped per address and per credential tried.
import { randomInt, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { seedEvent } from '../checkin/test-fixtures.ts';
import { fakeClock } from '../clock.ts';
import { closeSharedRedis } from '../http/rate-limit.ts';
import { PHONE_LOGIN_FAILURES } from '../mobile/throttles.ts';
import { makeTestApp, testConfig } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';

afterAll(closeSharedRedis);

/** A made-up code in the credential format that no credential has. */
const wrongCode = () => `WRONG-${randomUUID().slice(0, 5)}-CODES`.toUpperCase();
/** A documentation address no other run shares (Redis keeps counts between runs). */
const someIp = () => `198.51.${randomInt(256)}.${randomInt(256)}`;

describe.each(dbKinds)('phone sign-in throttles over %s', (kind) => {
  const t = useTestDatabase(kind);

  it('sixty doors behind one address all sign in within a minute, over real HTTP', async () => {
    const { app } = makeTestApp(t().database);
    const seed = await seedEvent(t().database);
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    try {
      await new Promise((r) => server.once('listening', r));
      const { port } = server.address() as AddressInfo;
      const statuses = await Promise.all(
        Array.from({ length: 60 }, async (_, i) => {
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/mobile/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ event_id: seed.eventId, credential: i % 2 ? seed.door : seed.vipDoor, device_name: `Door ${i}` }),
          });
          await res.arrayBuffer();
          return res.status;
        }),
      );
      expect(statuses).toEqual(Array(60).fill(200));
    } finally {
      server.close();
    }
  });

  it('wrong codes from one address get 429 with Retry-After, for every code, until the window passes', async () => {
    const clock = fakeClock('2026-07-10T17:00:00Z');
    const { app } = makeTestApp(t().database, { clock, config: testConfig({ TRUST_PROXY: 'true' }) });
    const seed = await seedEvent(t().database);
    const ip = someIp();
    const login = (credential: string, from = ip) =>
      app.request('/api/v1/mobile/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ event_id: seed.eventId, credential }),
      });
    // Successes first: they use none of the address's allowance.
    for (let i = 0; i < PHONE_LOGIN_FAILURES.perIp + 5; i++) expect((await login(seed.door)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < PHONE_LOGIN_FAILURES.perIp; i++) statuses.push((await login(wrongCode())).status);
    expect(statuses).toEqual(Array(PHONE_LOGIN_FAILURES.perIp).fill(401));
    const blocked = await login(wrongCode());
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(PHONE_LOGIN_FAILURES.windowMs / 1000);
    // A guesser learns nothing more from this address, even with the right code …
    expect((await login(seed.door)).status).toBe(429);
    // … while a door at another address is not affected.
    expect((await login(seed.door, someIp())).status).toBe(200);
    clock.advance(retryAfter * 1000);
    expect((await login(seed.door)).status).toBe(200);
  });

  it('wrong tries of one credential code are throttled from any address; other codes are not', async () => {
    const { app } = makeTestApp(t().database, { config: testConfig({ TRUST_PROXY: 'true' }) });
    const seed = await seedEvent(t().database);
    const code = wrongCode();
    const login = (credential: string) =>
      app.request('/api/v1/mobile/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': someIp() },
        body: JSON.stringify({ event_id: seed.eventId, credential }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < PHONE_LOGIN_FAILURES.perCredential; i++) statuses.push((await login(code)).status);
    expect(statuses).toEqual(Array(PHONE_LOGIN_FAILURES.perCredential).fill(401));
    // The same code typed another way is the same credential.
    const blocked = await login(` ${code.toLowerCase().replaceAll('-', '')} `);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login(wrongCode())).status).toBe(401);
    expect((await login(seed.door)).status).toBe(200);
  });
});

describe('phone sign-in throttles with REDIS_URL', () => {
  const t = useTestDatabase('postgres');

  it('two instances share the failure counts; successes still pass', async () => {
    const config = testConfig({ REDIS_URL: 'redis://127.0.0.1:6379', TRUST_PROXY: 'true' });
    const { app: a } = makeTestApp(t().database, { config });
    const { app: b } = makeTestApp(t().database, { config });
    const seed = await seedEvent(t().database);
    const ip = someIp();
    const login = (app: typeof a, credential: string) =>
      app.request('/api/v1/mobile/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ event_id: seed.eventId, credential }),
      });
    const doors = await Promise.all(Array.from({ length: 60 }, (_, i) => login(i % 2 ? a : b, seed.door)));
    expect(doors.map((r) => r.status)).toEqual(Array(60).fill(200));
    const half = PHONE_LOGIN_FAILURES.perIp / 2;
    for (let i = 0; i < half; i++) expect((await login(a, wrongCode())).status).toBe(401);
    for (let i = 0; i < half; i++) expect((await login(b, wrongCode())).status).toBe(401);
    const blocked = await login(a, wrongCode());
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
