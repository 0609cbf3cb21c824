import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashCredentialCode, normalizeCredentialCode, CREDENTIAL_ALPHABET } from '../auth/credential-code.ts';
import { adminAudit, scannerCredentials } from '../db/schema.ts';
import { consoleRequest, dataOf, makeUser, signIn } from '../organiser/console-test-kit.ts';
import { makeTestApp, testConfig } from '../test/app.ts';
import { dbErrorMessage } from '../test/db-error.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';

const issuesOf = async (res: Response) => ((await res.json()) as { error: { code: string; details?: { issues?: Array<{ path: string }> } } }).error;

describe.each(dbKinds)('event set-up over %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: ReturnType<typeof makeTestApp>['app'];
  let cookie: string;
  let admin: string;
  let userId: string;

  beforeAll(async () => {
    ({ app } = makeTestApp(t().database, { config: testConfig({ PUBLIC_URL: 'https://checkin.example.org' }) }));
    const user = await makeUser(t().database, 'organiser');
    userId = user.id;
    cookie = await signIn(app, user.email);
    admin = await signIn(app, (await makeUser(t().database, 'admin')).email);
  });

  const post = (path: string, body: unknown) => consoleRequest(app, cookie, 'POST', path, body);

  it('creates, reads, updates and archives an event, times in UTC', async () => {
    const created = await post('/api/v1/events', {
      name: 'Summer Fest',
      location: 'Park',
      timezone: 'Europe/Amsterdam',
      starts_at: '2026-07-10T20:00:00+02:00',
      ends_at: '2026-07-11T04:00:00+02:00',
      reentry_allowed: true,
    });
    expect(created.status).toBe(201);
    const event = await dataOf(created);
    expect(event).toMatchObject({
      name: 'Summer Fest',
      timezone: 'Europe/Amsterdam',
      starts_at: '2026-07-10T18:00:00.000Z',
      ends_at: '2026-07-11T02:00:00.000Z',
      reentry_allowed: true,
      source: 'manual',
      owner_id: userId,
      tickera_connected: false,
      archived_at: null,
    });
    const patched = await dataOf(await consoleRequest(app, cookie, 'PATCH', `/api/v1/events/${event.id}`, { name: 'Summer Fest 2026', source: 'tickera' }));
    expect(patched).toMatchObject({ name: 'Summer Fest 2026', source: 'tickera', location: 'Park' });
    const archived = await dataOf(await post(`/api/v1/events/${event.id}/archive`, {}));
    expect(archived.archived_at).not.toBeNull();
    const list = await dataOf<Array<{ id: string }>>(await consoleRequest(app, cookie, 'GET', '/api/v1/events'));
    expect(list.map((e) => e.id)).not.toContain(event.id);
    const all = await dataOf<Array<{ id: string }>>(await consoleRequest(app, cookie, 'GET', '/api/v1/events?include_archived=true'));
    expect(all.map((e) => e.id)).toContain(event.id);

    const audit = await t().database.db.select().from(adminAudit).where(eq(adminAudit.eventId, event.id));
    expect(audit.map((a) => a.action)).toEqual(['event.create', 'event.update', 'event.archive']);
    expect(audit.every((a) => a.userId === userId)).toBe(true);
    expect(await dbErrorMessage(t().database.db.delete(adminAudit))).toMatch(/append-only/);
    const page = await dataOf(await consoleRequest(app, cookie, 'GET', `/api/v1/events/${event.id}/admin-audit?limit=2`));
    expect(page.entries.map((e: { action: string }) => e.action)).toEqual(['event.archive', 'event.update']);
    const older = await dataOf(await consoleRequest(app, cookie, 'GET', `/api/v1/events/${event.id}/admin-audit?limit=2&before=${page.next_cursor}`));
    expect(older.entries.map((e: { action: string }) => e.action)).toEqual(['event.create']);
  });

  it('refuses bad event input naming the field, and writes nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ name: '' }, 'name'],
      [{ name: 'X', timezone: 'Mars/Olympus' }, 'timezone'],
      [{ name: 'X', starts_at: '2026-07-10 20:00' }, 'starts_at'],
      [{ name: 'X', starts_at: '2026-07-10T20:00:00Z', ends_at: '2026-07-10T19:00:00Z' }, 'ends_at'],
      [{ name: 'X', source: 'eventbrite' }, 'source'],
      [{ name: 'X', reentry_allowed: 'yes' }, 'reentry_allowed'],
    ];
    const before = (await dataOf<unknown[]>(await consoleRequest(app, cookie, 'GET', '/api/v1/events?include_archived=true'))).length;
    for (const [body, field] of cases) {
      const res = await post('/api/v1/events', body);
      expect(res.status, field).toBe(400);
      expect((await issuesOf(res)).details?.issues?.[0].path, field).toBe(field);
    }
    const after = (await dataOf<unknown[]>(await consoleRequest(app, cookie, 'GET', '/api/v1/events?include_archived=true'))).length;
    expect(after).toBe(before);
    // An organiser cannot hand an event to someone else.
    const other = await makeUser(t().database, 'organiser');
    expect((await post('/api/v1/events', { name: 'X', owner_id: other.id })).status).toBe(403);
    // A PATCH that would put the end before the stored start names the field.
    const event = await dataOf(await post('/api/v1/events', { name: 'Window', starts_at: '2026-07-10T20:00:00Z' }));
    const res = await consoleRequest(app, cookie, 'PATCH', `/api/v1/events/${event.id}`, { ends_at: '2026-07-10T10:00:00Z' });
    expect(res.status).toBe(400);
    expect((await issuesOf(res)).details?.issues?.[0].path).toBe('ends_at');
  });

  it('ticket types and entrances: create, list, update, unique names, scoped ticket types', async () => {
    const event = await dataOf(await post('/api/v1/events', { name: 'Club' }));
    const other = await dataOf(await post('/api/v1/events', { name: 'Other club' }));
    const base = `/api/v1/events/${event.id}`;
    const vip = await dataOf(await post(`${base}/ticket-types`, { name: 'VIP', external_id: '42', checkins_allowed: 0 }));
    expect(vip).toMatchObject({ name: 'VIP', external_id: '42', checkins_allowed: 0 });
    expect((await post(`${base}/ticket-types`, { name: 'VIP' })).status).toBe(409);
    expect((await post(`${base}/ticket-types`, { name: 'Bad', checkins_allowed: -1 })).status).toBe(400);
    const ga = await dataOf(await post(`${base}/ticket-types`, { name: 'GA' }));
    expect(ga.checkins_allowed).toBe(1);
    expect((await consoleRequest(app, cookie, 'PATCH', `${base}/ticket-types/${ga.id}`, { name: 'VIP' })).status).toBe(409);
    expect(await dataOf(await consoleRequest(app, cookie, 'PATCH', `${base}/ticket-types/${ga.id}`, { checkins_allowed: 2 }))).toMatchObject({
      checkins_allowed: 2,
    });
    const otherType = await dataOf(await post(`/api/v1/events/${other.id}/ticket-types`, { name: 'Elsewhere' }));
    expect((await consoleRequest(app, cookie, 'PATCH', `${base}/ticket-types/${otherType.id}`, { name: 'Stolen' })).status).toBe(404);

    const main = await dataOf(await post(`${base}/entrances`, { name: 'Main' }));
    expect(main.allowed_ticket_type_ids).toEqual([]);
    const vipDoor = await dataOf(
      await post(`${base}/entrances`, { name: 'VIP', allowed_ticket_type_ids: [vip.id], opens_at: '2026-07-10T18:00:00Z', closes_at: '2026-07-11T02:00:00Z' }),
    );
    expect(vipDoor).toMatchObject({ allowed_ticket_type_ids: [vip.id], opens_at: '2026-07-10T18:00:00.000Z' });
    const foreign = await post(`${base}/entrances`, { name: 'Staff', allowed_ticket_type_ids: [otherType.id] });
    expect(foreign.status).toBe(400);
    expect((await issuesOf(foreign)).details?.issues?.[0].path).toBe('allowed_ticket_type_ids');
    const backwards = await post(`${base}/entrances`, { name: 'Vendors', opens_at: '2026-07-10T18:00:00Z', closes_at: '2026-07-10T17:00:00Z' });
    expect((await issuesOf(backwards)).details?.issues?.[0].path).toBe('closes_at');
    expect((await post(`${base}/entrances`, { name: 'Main' })).status).toBe(409);
    const renamed = await dataOf(
      await consoleRequest(app, cookie, 'PATCH', `${base}/entrances/${main.id}`, { name: 'Front', allowed_ticket_type_ids: [ga.id] }),
    );
    expect(renamed).toMatchObject({ name: 'Front', allowed_ticket_type_ids: [ga.id] });
    const listed = await dataOf<Array<{ name: string }>>(await consoleRequest(app, cookie, 'GET', `${base}/entrances`));
    expect(listed.map((e) => e.name)).toEqual(['Front', 'VIP']);
  });

  it('a credential is shown once, stored only as a hash, listed without its code, and revocable', async () => {
    const event = await dataOf(await post('/api/v1/events', { name: 'Doors' }));
    const base = `/api/v1/events/${event.id}/credentials`;
    const gate = await dataOf(await post(`/api/v1/events/${event.id}/entrances`, { name: 'Gate 1' }));
    const res = await post(base, { label: 'Front phone', entrance_id: gate.id, role: 'supervisor', expires_at: '2099-01-01T00:00:00Z' });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const created = await dataOf(res);
    const code: string = created.credential;
    const symbols = normalizeCredentialCode(code);
    expect(symbols.length).toBeGreaterThanOrEqual(10);
    expect([...symbols].every((ch) => CREDENTIAL_ALPHABET.includes(ch))).toBe(true);
    expect(created).toMatchObject({ label: 'Front phone', role: 'supervisor', entrance_id: gate.id, revoked_at: null, last_used_at: null });
    expect(created.provisioning).toEqual({ server: 'https://checkin.example.org', event_id: event.id, credential: code });

    const [row] = await t().database.db.select().from(scannerCredentials).where(eq(scannerCredentials.id, created.id));
    expect(row.credentialHash).toBe(hashCredentialCode(code));
    expect(JSON.stringify(row)).not.toContain(symbols);
    expect(JSON.stringify(row)).not.toContain(code);

    const listRes = await consoleRequest(app, cookie, 'GET', base);
    const listText = await listRes.clone().text();
    expect(listText).not.toContain(code);
    expect(listText).not.toContain(row.credentialHash);
    const list = await dataOf<Array<Record<string, unknown>>>(listRes);
    expect(list).toHaveLength(1);
    expect(list[0]).not.toHaveProperty('credential');
    expect(Object.keys(list[0]).sort()).toEqual(['created_at', 'entrance_id', 'event_id', 'expires_at', 'id', 'label', 'last_used_at', 'revoked_at', 'role']);

    const revoked = await dataOf(await consoleRequest(app, cookie, 'DELETE', `${base}/${created.id}`));
    expect(revoked.revoked_at).not.toBeNull();
    const again = await dataOf(await consoleRequest(app, cookie, 'DELETE', `${base}/${created.id}`));
    expect(again.revoked_at).toBe(revoked.revoked_at);

    const audit = await t().database.db.select().from(adminAudit).where(eq(adminAudit.targetId, created.id));
    expect(audit.map((a) => a.action)).toContain('credential.create');
    expect(audit.map((a) => a.action)).toContain('credential.revoke');
    expect(JSON.stringify(audit)).not.toContain(symbols);

    const otherEvent = await dataOf(await post('/api/v1/events', { name: 'Elsewhere' }));
    const foreignGate = await dataOf(await post(`/api/v1/events/${otherEvent.id}/entrances`, { name: 'Gate X' }));
    const bad = await post(base, { label: 'x', entrance_id: foreignGate.id });
    expect((await issuesOf(bad)).details?.issues?.[0].path).toBe('entrance_id');
    expect((await issuesOf(await post(base, { label: 'x', role: 'admin' }))).details?.issues?.[0].path).toBe('role');
    expect((await issuesOf(await post(base, { label: 'x', expires_at: '2000-01-01T00:00:00Z' }))).details?.issues?.[0].path).toBe('expires_at');
    expect((await consoleRequest(app, cookie, 'DELETE', `${base}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('admins manage users: create, unique email, reset password, cannot lock themselves out', async () => {
    const res = await consoleRequest(app, admin, 'POST', '/api/v1/users', {
      email: 'Door.Boss@example.test',
      name: 'Boss',
      password: 'a long password',
      role: 'supervisor',
    });
    expect(res.status).toBe(201);
    const user = await dataOf(res);
    expect(JSON.stringify(user)).not.toMatch(/scrypt|password/);
    expect(
      (await consoleRequest(app, admin, 'POST', '/api/v1/users', { email: 'door.boss@EXAMPLE.test', password: 'a long password', role: 'door' })).status,
    ).toBe(409);
    const short = await consoleRequest(app, admin, 'POST', '/api/v1/users', { email: 'x@example.test', password: 'short', role: 'door' });
    expect((await issuesOf(short)).details?.issues?.[0].path).toBe('password');

    const theirCookie = await signIn(app, 'door.boss@example.test', 'a long password');
    await dataOf(await consoleRequest(app, admin, 'PATCH', `/api/v1/users/${user.id}`, { password: 'a brand new password' }));
    expect((await consoleRequest(app, theirCookie, 'GET', '/api/v1/auth/me')).status).toBe(401);
    await signIn(app, 'door.boss@example.test', 'a brand new password');

    const me = await dataOf(await consoleRequest(app, admin, 'GET', '/api/v1/auth/me'));
    expect((await consoleRequest(app, admin, 'PATCH', `/api/v1/users/${me.user.id}`, { disabled: true })).status).toBe(409);
    expect((await consoleRequest(app, admin, 'PATCH', `/api/v1/users/${me.user.id}`, {})).status).toBe(400);
    const audit = await t().database.db.select().from(adminAudit).where(eq(adminAudit.targetId, user.id));
    expect(audit.map((a) => a.action)).toEqual(['user.create', 'user.update']);
    expect(JSON.stringify(audit)).not.toContain('brand new');
  });
});
