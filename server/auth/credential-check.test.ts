// POST /api/v1/mobile/credential-check: a supervisor's code typed on a door is checked like a
// sign-in (same 401, same failure throttles) but leaves no device row and no token behind.
import { randomInt, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { credentialCheckResponseSchema } from '../../shared/protocol/credential-check.ts';
import { seedEvent } from '../checkin/test-fixtures.ts';
import { fakeClock } from '../clock.ts';
import { devices, scannerCredentials } from '../db/schema.ts';
import { closeSharedRedis } from '../http/rate-limit.ts';
import { PHONE_LOGIN_FAILURES } from '../mobile/throttles.ts';
import { makeTestApp, testConfig } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';

afterAll(closeSharedRedis);

const wrongCode = () => `WRONG-${randomUUID().slice(0, 5)}-CODES`.toUpperCase();
const someIp = () => `198.51.${randomInt(256)}.${randomInt(256)}`;

describe.each(dbKinds)('credential check over %s', (kind) => {
  const t = useTestDatabase(kind);

  async function setup() {
    const clock = fakeClock('2026-07-10T17:00:00Z');
    const { app } = makeTestApp(t().database, { clock, config: testConfig({ TRUST_PROXY: 'true' }) });
    const seed = await seedEvent(t().database);
    const post = (path: 'credential-check' | 'login', body: unknown, ip = someIp()) =>
      app.request(`/api/v1/mobile/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify(body),
      });
    const check = (credential: string, ip?: string) => post('credential-check', { event_id: seed.eventId, credential }, ip);
    const deviceCount = async () => (await t().database.db.select().from(devices).where(eq(devices.eventId, seed.eventId))).length;
    return { app, clock, seed, post, check, deviceCount };
  }

  it('a supervisor code (typed loosely) answers its role, and no device row or token is made', async () => {
    const { seed, check, deviceCount } = await setup();
    const res = await check(` ${seed.supervisor.toLowerCase().replaceAll('-', '')} `);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: unknown };
    expect(credentialCheckResponseSchema.strict().parse(body.data)).toEqual({ role: 'supervisor', entrance_id: null });
    expect(JSON.stringify(body)).not.toContain('token');
    expect(await deviceCount()).toBe(0);
    // It is a use of the credential, as the console's credential list shows.
    const [cred] = await t().database.db.select().from(scannerCredentials).where(eq(scannerCredentials.id, seed.credentialIds.supervisor));
    expect(cred.lastUsedAt?.toISOString()).toBe('2026-07-10T17:00:00.000Z');
  });

  it('a door credential is answered as a door, with its entrance: not a supervisor', async () => {
    const { seed, check, deviceCount } = await setup();
    const door = await check(seed.vipDoor);
    expect(door.status).toBe(200);
    expect(((await door.json()) as { data: unknown }).data).toEqual({ role: 'door', entrance_id: seed.vipGate });
    expect(((await (await check(seed.door)).json()) as { data: unknown }).data).toEqual({ role: 'door', entrance_id: null });
    expect(await deviceCount()).toBe(0);
  });

  it('a wrong, revoked or other event’s code is the sign-in’s 401, word for word', async () => {
    const { seed, post, check, deviceCount } = await setup();
    const other = await seedEvent(t().database);
    await t()
      .database.db.update(scannerCredentials)
      .set({ revokedAt: new Date('2026-07-10T16:00:00Z') })
      .where(eq(scannerCredentials.id, seed.credentialIds.supervisor));
    const loginRefusal = await post('login', { event_id: seed.eventId, credential: wrongCode() });
    expect(loginRefusal.status).toBe(401);
    const expected = ((await loginRefusal.json()) as { error: unknown }).error;
    for (const credential of [wrongCode(), seed.supervisor, other.supervisor]) {
      const res = await check(credential);
      expect(res.status, credential).toBe(401);
      expect(((await res.json()) as { error: unknown }).error).toEqual(expected);
    }
    expect(await deviceCount()).toBe(0);
  });

  it('wrong tries of one code are throttled from any address, and share the count with sign-in', async () => {
    const { seed, post, check } = await setup();
    const code = wrongCode();
    const statuses: number[] = [];
    for (let i = 0; i < PHONE_LOGIN_FAILURES.perCredential - 1; i++) statuses.push((await check(code)).status);
    statuses.push((await post('login', { event_id: seed.eventId, credential: code })).status);
    expect(statuses).toEqual(Array(PHONE_LOGIN_FAILURES.perCredential).fill(401));
    const blocked = await check(code);
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await post('login', { event_id: seed.eventId, credential: code })).status).toBe(429);
    // Other codes are not affected.
    expect((await check(wrongCode())).status).toBe(401);
    expect((await check(seed.supervisor)).status).toBe(200);
  });

  it('wrong codes from one address are throttled until the window passes; successes never count', async () => {
    const { clock, seed, check } = await setup();
    const ip = someIp();
    for (let i = 0; i < PHONE_LOGIN_FAILURES.perIp + 5; i++) expect((await check(seed.supervisor, ip)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < PHONE_LOGIN_FAILURES.perIp; i++) statuses.push((await check(wrongCode(), ip)).status);
    expect(statuses).toEqual(Array(PHONE_LOGIN_FAILURES.perIp).fill(401));
    const blocked = await check(seed.supervisor, ip);
    expect(blocked.status).toBe(429);
    expect((await check(seed.supervisor, someIp())).status).toBe(200);
    clock.advance(Number(blocked.headers.get('retry-after')) * 1000);
    expect((await check(seed.supervisor, ip)).status).toBe(200);
  });

  it('bad input is a 400 naming the field', async () => {
    const { seed, post } = await setup();
    for (const [body, field] of [
      [{ event_id: 'x', credential: seed.supervisor }, 'event_id'],
      [{ credential: seed.supervisor }, 'event_id'],
      [{ event_id: seed.eventId }, 'credential'],
      [{ event_id: seed.eventId, credential: '  ' }, 'credential'],
      [{ event_id: seed.eventId, credential: 'x'.repeat(500) }, 'credential'],
    ] as const) {
      const res = await post('credential-check', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = ((await res.json()) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('validation_failed');
      expect(error.message).toContain(field);
    }
  });
});
