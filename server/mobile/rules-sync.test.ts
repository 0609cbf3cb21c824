// The rules version: organiser edits of what a phone decides by (event window, re-entry,
// code case, entrances, ticket types) move it and bring the whole setup with the next delta;
// anything else leaves it, and an unchanged poll carries no setup.
import { eq } from 'drizzle-orm';
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { attendeesDeltaResponseSchema } from '../../shared/protocol/attendees-delta.ts';
import { mobileLoginResponseSchema } from '../../shared/protocol/login.ts';
import type { AppEnv } from '../app-env.ts';
import { newScanId, postJson, seedEvent, type Phone } from '../checkin/test-fixtures.ts';
import { fakeClock } from '../clock.ts';
import { events, ticketTypes } from '../db/schema.ts';
import { consoleRequest, dataOf, makeUser, signIn as consoleSignIn } from '../organiser/console-test-kit.ts';
import { makeTestApp } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';

describe.each(dbKinds)('rules reach the phones over %s', (kind) => {
  const t = useTestDatabase(kind);

  async function setup() {
    const clock = fakeClock('2026-07-10T19:00:00Z');
    const { app } = makeTestApp(t().database, { clock });
    const seed = await seedEvent(t().database, { attendees: 5 });
    const res = await postJson(app, '/api/v1/mobile/login', null, { event_id: seed.eventId, credential: seed.door, device_name: 'Door 1' });
    const login = mobileLoginResponseSchema.parse((await res.json()).data);
    const phone: Phone = { token: login.token, deviceId: login.device_id, auth: { authorization: `Bearer ${login.token}` } };
    const admin = await makeUser(t().database, 'admin');
    const cookie = await consoleSignIn(app, admin.email);
    const organiser = async (method: string, path: string, body?: unknown) =>
      dataOf(await consoleRequest(app, cookie, method, `/api/v1/events/${seed.eventId}${path}`, body));
    return { app, seed, phone, login, organiser, cookie };
  }

  // Polls from the cursor of a first full download, as a phone does (full downloads are rate limited).
  const cursors = new Map<string, string>();
  async function delta(app: Hono<AppEnv>, phone: Phone, rulesVersion?: number) {
    const q = rulesVersion === undefined ? '' : `&rules_version=${rulesVersion}`;
    if (!cursors.has(phone.token)) {
      const first = await app.request('/api/v1/mobile/attendees', { headers: phone.auth });
      cursors.set(phone.token, attendeesDeltaResponseSchema.parse(((await first.json()) as { data: unknown }).data).next_cursor);
    }
    const res = await app.request(`/api/v1/mobile/attendees?since=${cursors.get(phone.token)}${q}`, { headers: phone.auth });
    expect(res.status).toBe(200);
    return attendeesDeltaResponseSchema.parse(((await res.json()) as { data: unknown }).data);
  }

  it('sign-in gives the version; a phone that has it gets no setup back, whatever else happens', async () => {
    const { app, seed, phone, login, organiser } = await setup();
    const v = login.rules_version!;
    expect(v).toBeGreaterThan(0);
    expect(await delta(app, phone, v)).toMatchObject({ rules_version: v });
    expect((await delta(app, phone, v)).rules).toBeUndefined();

    // Not rules: a check-in, Tickera sync stamps (event, unchanged ticket types), edits that change nothing, an attendee.
    await postJson(app, '/api/v1/check-in', phone, { scan_id: newScanId(), ticket_code: seed.codes[0] });
    await t().database.db.update(events).set({ lastSyncedAt: new Date(), updatedAt: new Date() }).where(eq(events.id, seed.eventId));
    await t().database.db.update(ticketTypes).set({ updatedAt: new Date() }).where(eq(ticketTypes.eventId, seed.eventId));
    await organiser('PATCH', '', { reentry_allowed: false });
    await organiser('PATCH', `/entrances/${seed.main}`, { name: 'Main Gate' });
    await organiser('PATCH', `/ticket-types/${seed.ga}`, { checkins_allowed: 1 });
    await organiser('POST', '/attendees/import', { attendees: [{ ticket_code: 'NEW-1', first_name: 'N', last_name: 'Ew' }] });
    const after = await delta(app, phone, v);
    expect(after.rules_version).toBe(v);
    expect(after.rules).toBeUndefined();
  });

  it('each organiser edit of the rules moves the version and sends the whole setup once', async () => {
    const { app, seed, phone, login, organiser } = await setup();
    let v = login.rules_version!;
    const edits: Array<[string, string, string, unknown]> = [
      ['re-entry', 'PATCH', '', { reentry_allowed: true }],
      ['event window', 'PATCH', '', { ends_at: '2026-07-11T04:00:00Z' }],
      ['code case', 'PATCH', '', { ticket_code_exact_case: true }],
      ['doors-open lead', 'PATCH', '', { doors_open_minutes_before: 45 }],
      ['rehearsal', 'PATCH', '', { rehearsal: true }],
      ['entrance window', 'PATCH', `/entrances/${seed.main}`, { opens_at: '2026-07-10T20:00:00Z' }],
      ['entrance ticket types', 'PATCH', `/entrances/${seed.main}`, { allowed_ticket_type_ids: [seed.ga] }],
      ['new entrance', 'POST', '/entrances', { name: 'Side door' }],
      ['ticket type allowance', 'PATCH', `/ticket-types/${seed.ga}`, { checkins_allowed: 3 }],
      ['new ticket type', 'POST', '/ticket-types', { name: 'Crew', checkins_allowed: 0 }],
    ];
    for (const [what, method, path, body] of edits) {
      await organiser(method, path, body);
      const answer = await delta(app, phone, v);
      expect(answer.rules_version, what).toBeGreaterThan(v);
      expect(answer.rules, what).toBeDefined();
      v = answer.rules_version!;
      expect((await delta(app, phone, v)).rules, `${what}, asked again`).toBeUndefined();
    }
    const { rules } = await delta(app, phone, 0);
    expect(rules!.event).toMatchObject({
      reentry_allowed: true,
      ends_at: '2026-07-11T04:00:00.000Z',
      ticket_code_exact_case: true,
      doors_open_minutes_before: 45,
      rehearsal: true,
    });
    expect(rules!.entrances.find((e) => e.id === seed.main)).toMatchObject({ opens_at: '2026-07-10T20:00:00.000Z', allowed_ticket_type_ids: [seed.ga] });
    expect(rules!.entrances.map((e) => e.name)).toContain('Side door');
    expect(rules!.ticket_types.find((x) => x.id === seed.ga)).toMatchObject({ checkins_allowed: 3 });
    expect(rules!.ticket_types.map((x) => x.name)).toContain('Crew');
  });

  it('a removed entrance leaves the setup and the console list, frees its name, and moves the version; not while a credential is bound to it', async () => {
    const { app, seed, phone, login, organiser, cookie } = await setup();
    const refused = await consoleRequest(app, cookie, 'DELETE', `/api/v1/events/${seed.eventId}/entrances/${seed.vipGate}`);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('VIP door');
    expect(await delta(app, phone, login.rules_version)).toMatchObject({ rules_version: login.rules_version });
    await organiser('DELETE', `/credentials/${seed.credentialIds.vipDoor}`);
    const removed = await organiser('DELETE', `/entrances/${seed.vipGate}`);
    expect(removed).toMatchObject({ id: seed.vipGate, name: 'VIP Gate' });
    const answer = await delta(app, phone, login.rules_version);
    expect(answer.rules_version).toBeGreaterThan(login.rules_version!);
    expect(answer.rules!.entrances.map((e) => e.id)).toEqual([seed.main]);
    expect((await organiser('GET', '/entrances')).map((e: { id: string }) => e.id)).toEqual([seed.main]);
    await organiser('POST', '/entrances', { name: 'VIP Gate' });
    const cookieless = await consoleRequest(app, null, 'DELETE', `/api/v1/events/${seed.eventId}/entrances/${seed.main}`);
    expect(cookieless.status).toBe(401);
    for (const role of ['supervisor', 'door'] as const) {
      const user = await consoleSignIn(app, (await makeUser(t().database, role)).email);
      expect((await consoleRequest(app, user, 'DELETE', `/api/v1/events/${seed.eventId}/entrances/${seed.main}`)).status, role).toBe(403);
    }
    await expect(organiser('DELETE', `/entrances/${seed.vipGate}`)).rejects.toThrow('404');
  });

  it('an older phone that sends no version gets the version but never the setup', async () => {
    const { app, phone, organiser } = await setup();
    await organiser('PATCH', '', { reentry_allowed: true });
    const answer = await delta(app, phone);
    expect(answer.rules_version).toBeGreaterThan(0);
    expect(answer.rules).toBeUndefined();
  });
});
