import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { mobileLoginResponseSchema } from '../../shared/protocol/login.ts';
import { newScanId, postJson, seedEvent, signIn } from '../checkin/test-fixtures.ts';
import { fakeClock } from '../clock.ts';
import { devices, scannerCredentials } from '../db/schema.ts';
import { makeTestApp, testConfig, testSecrets } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';

describe.each(dbKinds)('phone sign-in and tokens over %s', (kind) => {
  const t = useTestDatabase(kind);

  async function setup() {
    const clock = fakeClock('2026-07-10T17:00:00Z');
    const { app } = makeTestApp(t().database, { clock });
    const seed = await seedEvent(t().database);
    return { app, clock, seed };
  }
  const login = (app: Awaited<ReturnType<typeof setup>>['app'], body: unknown) => postJson(app, '/api/v1/mobile/login', null, body);

  it('a credential (typed loosely) gives a token, a device and the event setup', async () => {
    const { app, seed } = await setup();
    const res = await login(app, { event_id: seed.eventId, credential: ` ${seed.vipDoor.toLowerCase()} `, device_name: 'Door 7' });
    expect(res.status).toBe(200);
    const data = mobileLoginResponseSchema.parse((await res.json()).data);
    expect(data).toMatchObject({
      role: 'door',
      entrance_id: seed.vipGate,
      expires_at: '2026-07-11T17:00:00.000Z',
      event: { id: seed.eventId, timezone: 'Europe/Amsterdam' },
    });
    expect(data.entrances.map((e) => e.name)).toEqual(['Main Gate', 'VIP Gate']);
    expect(data.ticket_types.map((x) => x.name)).toEqual(['General', 'VIP']);
    const [device] = await t().database.db.select().from(devices).where(eq(devices.id, data.device_id));
    expect(device).toMatchObject({ name: 'Door 7', eventId: seed.eventId, entranceId: seed.vipGate });
    const [cred] = await t().database.db.select().from(scannerCredentials).where(eq(scannerCredentials.id, seed.credentialIds.vipDoor));
    expect(cred.lastUsedAt?.toISOString()).toBe('2026-07-10T17:00:00.000Z');
  });

  it('a token lives until the credential expires when that comes first', async () => {
    const { app, seed } = await setup();
    await t()
      .database.db.update(scannerCredentials)
      .set({ expiresAt: new Date('2026-07-10T20:00:00Z') })
      .where(eq(scannerCredentials.id, seed.credentialIds.door));
    const data = (await (await login(app, { event_id: seed.eventId, credential: seed.door })).json()).data;
    expect(data.expires_at).toBe('2026-07-10T20:00:00.000Z');
  });

  it('a door signed in at the start of a 3-day festival stays signed in until its end plus the grace period', async () => {
    const clock = fakeClock('2026-07-10T12:00:00Z');
    const { app } = makeTestApp(t().database, { clock });
    const seed = await seedEvent(t().database, { startsAt: new Date('2026-07-10T12:00:00Z'), endsAt: new Date('2026-07-13T02:00:00Z') });
    const res = await login(app, { event_id: seed.eventId, credential: seed.door });
    const data = mobileLoginResponseSchema.parse((await res.json()).data);
    expect(data.expires_at).toBe('2026-07-13T14:00:00.000Z');
    const phone = { token: data.token, deviceId: data.device_id, auth: { authorization: `Bearer ${data.token}`, 'content-type': 'application/json' } };
    const delta = () => app.request('/api/v1/mobile/attendees', { headers: phone.auth });
    for (const at of ['2026-07-11T12:00:01Z', '2026-07-12T23:00:00Z', '2026-07-13T13:59:59Z']) {
      clock.set(at);
      expect((await delta()).status, at).toBe(200);
    }
    clock.set('2026-07-13T14:00:01Z');
    expect((await delta()).status).toBe(401);
  });

  it('a session is bounded: by the maximum (PHONE_SESSION_MAX_SECONDS), by the credential, and short after the event', async () => {
    const clock = fakeClock('2026-07-10T12:00:00Z');
    const long = await seedEvent(t().database, { endsAt: new Date('2026-09-01T00:00:00Z') });
    const expiresAt = async (config: ReturnType<typeof testConfig> | undefined, eventId: string, credential: string) => {
      const { app } = makeTestApp(t().database, { clock, config });
      const res = await login(app, { event_id: eventId, credential });
      expect(res.status).toBe(200);
      return mobileLoginResponseSchema.parse((await res.json()).data).expires_at;
    };
    expect(await expiresAt(undefined, long.eventId, long.door)).toBe('2026-07-17T12:00:00.000Z');
    expect(await expiresAt(testConfig({ PHONE_SESSION_MAX_SECONDS: '3600' }), long.eventId, long.door)).toBe('2026-07-10T13:00:00.000Z');
    await t()
      .database.db.update(scannerCredentials)
      .set({ expiresAt: new Date('2026-07-11T02:00:00Z') })
      .where(eq(scannerCredentials.id, long.credentialIds.vipDoor));
    expect(await expiresAt(undefined, long.eventId, long.vipDoor)).toBe('2026-07-11T02:00:00.000Z');
    const over = await seedEvent(t().database, { endsAt: new Date('2026-07-09T00:00:00Z') });
    expect(await expiresAt(undefined, over.eventId, over.door)).toBe('2026-07-10T13:00:00.000Z');
  });

  it('a wrong, revoked, expired or other-event credential is the same 401', async () => {
    const { app, seed } = await setup();
    const other = await seedEvent(t().database);
    await t()
      .database.db.update(scannerCredentials)
      .set({ revokedAt: new Date('2026-07-10T16:00:00Z') })
      .where(eq(scannerCredentials.id, seed.credentialIds.supervisor));
    await t()
      .database.db.update(scannerCredentials)
      .set({ expiresAt: new Date('2026-07-10T16:00:00Z') })
      .where(eq(scannerCredentials.id, seed.credentialIds.vipDoor));
    const messages = new Set<string>();
    for (const credential of ['AAAAA-BBBBB-CCCCC', seed.supervisor, seed.vipDoor, other.door]) {
      const res = await login(app, { event_id: seed.eventId, credential });
      expect(res.status).toBe(401);
      messages.add((await res.json()).error.message);
    }
    expect(messages.size).toBe(1);
  });

  it('bad sign-in input names the field', async () => {
    const { app, seed } = await setup();
    for (const [body, field] of [
      [{ event_id: 'x', credential: seed.door }, 'event_id'],
      [{ event_id: seed.eventId }, 'credential'],
      [{ event_id: seed.eventId, credential: '' }, 'credential'],
      [{ event_id: seed.eventId, credential: 'x'.repeat(500) }, 'credential'],
    ] as const) {
      const res = await login(app, body);
      expect(res.status).toBe(400);
      expect(JSON.stringify((await res.json()).error)).toContain(field);
    }
  });

  it('missing, malformed, forged, expired or revoked tokens are 401', async () => {
    const { app, seed, clock } = await setup();
    const phone = await signIn(app, seed.eventId, seed.door);
    const scan = (authorization?: string) =>
      app.request('/api/v1/check-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ scan_id: newScanId(), ticket_code: seed.codes[0] }),
      });
    expect((await scan()).status).toBe(401);
    expect((await scan('Bearer not.a.token')).status).toBe(401);
    expect((await scan(`Basic ${phone.token}`)).status).toBe(401);
    const forged = await new SignJWT({ evt: seed.eventId, cid: seed.credentialIds.door, ent: null, role: 'supervisor' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(phone.deviceId)
      .setAudience('fastcheck-phone')
      .setExpirationTime('2h')
      .sign(new TextEncoder().encode('some-other-secret-0123456789abcdef0123456789'));
    expect((await scan(`Bearer ${forged}`)).status).toBe(401);
    expect((await scan(phone.auth.authorization)).status).toBe(200);
    clock.advance(24 * 60 * 60 * 1000 + 1000);
    const expired = await scan(phone.auth.authorization);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('revoking a credential stops its tokens at the next request', async () => {
    const { app, seed } = await setup();
    const phone = await signIn(app, seed.eventId, seed.door);
    const scan = () => postJson(app, '/api/v1/check-in', phone, { scan_id: newScanId(), ticket_code: seed.codes[1] });
    expect((await scan()).status).toBe(200);
    await t().database.db.update(scannerCredentials).set({ revokedAt: new Date() }).where(eq(scannerCredentials.id, seed.credentialIds.door));
    expect((await scan()).status).toBe(401);
    const delta = await app.request('/api/v1/mobile/attendees', { headers: phone.auth });
    expect(delta.status).toBe(401);
  });

  it('a token signed for event A never reads event B: the event comes only from the token', async () => {
    const { app, seed } = await setup();
    const other = await seedEvent(t().database, { attendees: 3 });
    const phone = await signIn(app, seed.eventId, seed.door);
    const forgedClaims = await new SignJWT({ evt: other.eventId, cid: seed.credentialIds.door, ent: null, role: 'door' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(phone.deviceId)
      .setAudience('fastcheck-phone')
      .setExpirationTime('2h')
      .sign(new TextEncoder().encode(`${testSecrets.MOBILE_JWT_SECRET}x`));
    const res = await app.request(`/api/v1/mobile/attendees?event_id=${other.eventId}`, { headers: phone.auth });
    const codes = ((await res.json()) as { data: { attendees: Array<{ ticket_code: string }> } }).data.attendees.map((a) => a.ticket_code);
    expect(codes).toHaveLength(20);
    const forged = await app.request('/api/v1/mobile/attendees', { headers: { authorization: `Bearer ${forgedClaims}` } });
    expect(forged.status).toBe(401);
  });
});
