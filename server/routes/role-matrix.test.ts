// Every role × every console route family → the expected status. An organiser of event A
// gets 403 on event B; a missing event is 404; no session is 401.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleRequest, dataOf, makeUser, signIn } from '../organiser/console-test-kit.ts';
import { makeTestApp } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';

type Who = 'admin' | 'owner' | 'otherOrganiser' | 'grantedSupervisor' | 'door' | 'anonymous';
const everyone: Who[] = ['admin', 'owner', 'otherOrganiser', 'grantedSupervisor', 'door', 'anonymous'];

interface Family {
  name: string;
  method: string;
  path: (eventId: string) => string;
  body?: () => unknown;
  csv?: boolean;
  expect: Record<Who, number>;
}

const uniq = () => randomUUID().slice(0, 8);
const readScoped = { admin: 200, owner: 200, otherOrganiser: 403, grantedSupervisor: 200, door: 403, anonymous: 401 };
const writeScoped = (ok: number) => ({ admin: ok, owner: ok, otherOrganiser: 403, grantedSupervisor: 403, door: 403, anonymous: 401 });

const families: Family[] = [
  {
    name: 'list users',
    method: 'GET',
    path: () => '/api/v1/users',
    expect: { admin: 200, owner: 403, otherOrganiser: 403, grantedSupervisor: 403, door: 403, anonymous: 401 },
  },
  {
    name: 'create user',
    method: 'POST',
    path: () => '/api/v1/users',
    body: () => ({ email: `u-${uniq()}@example.test`, name: 'U', password: 'long enough password', role: 'door' }),
    expect: { admin: 201, owner: 403, otherOrganiser: 403, grantedSupervisor: 403, door: 403, anonymous: 401 },
  },
  {
    name: 'list events',
    method: 'GET',
    path: () => '/api/v1/events',
    expect: { admin: 200, owner: 200, otherOrganiser: 200, grantedSupervisor: 200, door: 403, anonymous: 401 },
  },
  {
    name: 'create event',
    method: 'POST',
    path: () => '/api/v1/events',
    body: () => ({ name: `E ${uniq()}` }),
    expect: { admin: 201, owner: 201, otherOrganiser: 201, grantedSupervisor: 403, door: 403, anonymous: 401 },
  },
  { name: 'read event', method: 'GET', path: (e) => `/api/v1/events/${e}`, expect: readScoped },
  { name: 'update event', method: 'PATCH', path: (e) => `/api/v1/events/${e}`, body: () => ({ location: `Hall ${uniq()}` }), expect: writeScoped(200) },
  { name: 'list ticket types', method: 'GET', path: (e) => `/api/v1/events/${e}/ticket-types`, expect: readScoped },
  {
    name: 'create ticket type',
    method: 'POST',
    path: (e) => `/api/v1/events/${e}/ticket-types`,
    body: () => ({ name: `T ${uniq()}` }),
    expect: writeScoped(201),
  },
  { name: 'list entrances', method: 'GET', path: (e) => `/api/v1/events/${e}/entrances`, expect: readScoped },
  { name: 'create entrance', method: 'POST', path: (e) => `/api/v1/events/${e}/entrances`, body: () => ({ name: `Gate ${uniq()}` }), expect: writeScoped(201) },
  { name: 'list credentials', method: 'GET', path: (e) => `/api/v1/events/${e}/credentials`, expect: readScoped },
  { name: 'create credential', method: 'POST', path: (e) => `/api/v1/events/${e}/credentials`, body: () => ({ label: 'Phone' }), expect: writeScoped(201) },
  { name: 'list attendees', method: 'GET', path: (e) => `/api/v1/events/${e}/attendees`, expect: readScoped },
  {
    name: 'import attendees',
    method: 'POST',
    path: (e) => `/api/v1/events/${e}/attendees/import`,
    csv: true,
    body: () => `ticket_code\n${uniq()}\n`,
    expect: writeScoped(200),
  },
  { name: 'conflicts inbox', method: 'GET', path: (e) => `/api/v1/events/${e}/conflicts?state=all`, expect: readScoped },
  {
    // A review is a supervisor's to make too: those let through reach the case lookup (404, no such case).
    name: 'review a conflict',
    method: 'POST',
    path: (e) => `/api/v1/events/${e}/conflicts/${randomUUID()}/reviews`,
    body: () => ({ action: 'annotate', note: 'seen' }),
    expect: { admin: 404, owner: 404, otherOrganiser: 403, grantedSupervisor: 404, door: 403, anonymous: 401 },
  },
  { name: 'event admin audit', method: 'GET', path: (e) => `/api/v1/events/${e}/admin-audit`, expect: { ...readScoped, grantedSupervisor: 403 } },
];

describe.each(dbKinds)('role × route family over %s', (kind) => {
  const t = useTestDatabase(kind);
  let app: ReturnType<typeof makeTestApp>['app'];
  const cookies = {} as Record<Who, string | null>;
  let eventA: string;
  let eventB: string;

  beforeAll(async () => {
    ({ app } = makeTestApp(t().database));
    const db = t().database;
    const users = {
      admin: await makeUser(db, 'admin'),
      owner: await makeUser(db, 'organiser'),
      otherOrganiser: await makeUser(db, 'organiser'),
      grantedSupervisor: await makeUser(db, 'supervisor'),
      door: await makeUser(db, 'door'),
    };
    for (const [who, user] of Object.entries(users)) cookies[who as Who] = await signIn(app, user.email);
    cookies.anonymous = null;
    eventA = (await dataOf(await consoleRequest(app, cookies.owner, 'POST', '/api/v1/events', { name: 'Event A' }))).id;
    eventB = (await dataOf(await consoleRequest(app, cookies.otherOrganiser, 'POST', '/api/v1/events', { name: 'Event B' }))).id;
    await dataOf(await consoleRequest(app, cookies.owner, 'PUT', `/api/v1/events/${eventA}/grants/${users.grantedSupervisor.id}`));
  });

  for (const family of families) {
    it(family.name, async () => {
      const got = {} as Record<Who, number>;
      for (const who of everyone) {
        const body = family.body?.();
        const headers: Record<string, string> = family.csv ? { 'content-type': 'text/csv' } : {};
        const res = await consoleRequest(app, cookies[who], family.method, family.path(eventA), body, headers);
        got[who] = res.status;
      }
      expect(got).toEqual(family.expect);
    });
  }

  it("an organiser's event list holds only their own and granted events", async () => {
    const own = await dataOf<Array<{ id: string }>>(await consoleRequest(app, cookies.owner, 'GET', '/api/v1/events'));
    expect(own.map((e) => e.id)).toContain(eventA);
    expect(own.map((e) => e.id)).not.toContain(eventB);
    const sup = await dataOf<Array<{ id: string }>>(await consoleRequest(app, cookies.grantedSupervisor, 'GET', '/api/v1/events'));
    expect(sup.map((e) => e.id)).toEqual([eventA]);
    const all = await dataOf<Array<{ id: string }>>(await consoleRequest(app, cookies.admin, 'GET', '/api/v1/events'));
    expect(all.map((e) => e.id)).toEqual(expect.arrayContaining([eventA, eventB]));
  });

  it('organiser of A gets 403 on B, and a missing or malformed event id is 404', async () => {
    expect((await consoleRequest(app, cookies.owner, 'GET', `/api/v1/events/${eventB}/attendees`)).status).toBe(403);
    expect((await consoleRequest(app, cookies.owner, 'POST', `/api/v1/events/${eventB}/credentials`, { label: 'x' })).status).toBe(403);
    for (const id of [randomUUID(), 'not-a-uuid']) {
      expect((await consoleRequest(app, cookies.admin, 'GET', `/api/v1/events/${id}`)).status).toBe(404);
      expect((await consoleRequest(app, cookies.owner, 'GET', `/api/v1/events/${id}/ticket-types`)).status).toBe(404);
    }
  });

  it('outsiders get 401/403 before their body is even looked at', async () => {
    expect((await consoleRequest(app, null, 'POST', `/api/v1/events/${eventA}/ticket-types`, '{bad')).status).toBe(401);
    expect((await consoleRequest(app, cookies.otherOrganiser, 'POST', `/api/v1/events/${eventA}/ticket-types`, { name: '' })).status).toBe(403);
    expect((await consoleRequest(app, cookies.owner, 'POST', '/api/v1/users', { nope: 1 })).status).toBe(403);
  });
});
