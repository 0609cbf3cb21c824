// The console's attendee desk over HTTP: accent-insensitive search with a count, one
// attendee's history, a check-in by hand and its undo (audited with the user), who may do
// it, and bad input answered 4xx naming the field.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkIns } from '../db/schema.ts';
import { consoleRequest, dataOf, makeUser, signIn } from '../organiser/console-test-kit.ts';
import { makeTestApp } from '../test/app.ts';
import { dbKinds, useTestDatabase, type TestDatabase } from '../test/db.ts';

const people = [
  { ticket_code: 'MU-0001-ABCDEF', first_name: 'Jürgen', last_name: 'Müller', email: 'jm@example.test' },
  { ticket_code: 'MU-0002-ABCDEF', first_name: 'Anna', last_name: 'Muller', email: 'anna@example.test' },
  { ticket_code: 'SO-0003-ABCDEF', first_name: 'Søren', last_name: 'Weiß', email: 'soren@example.test' },
  { ticket_code: 'ZZ-0004-ABCDEF', first_name: 'Zoë', last_name: 'Brown', email: 'zoe@example.test' },
];

async function setup(t: () => TestDatabase) {
  const { app } = makeTestApp(t().database);
  const owner = await signIn(app, (await makeUser(t().database, 'organiser')).email);
  const event = await dataOf(await consoleRequest(app, owner, 'POST', '/api/v1/events', { name: 'Desk night' }));
  const base = `/api/v1/events/${event.id}`;
  const entrance = await dataOf(await consoleRequest(app, owner, 'POST', `${base}/entrances`, { name: 'Main gate' }));
  await dataOf(await consoleRequest(app, owner, 'POST', `${base}/attendees/import`, { attendees: people }));
  const supervisorUser = await makeUser(t().database, 'supervisor');
  await dataOf(await consoleRequest(app, owner, 'PUT', `${base}/grants/${supervisorUser.id}`));
  const supervisor = await signIn(app, supervisorUser.email);
  const search = async (q: string, cookie = owner) => dataOf(await consoleRequest(app, cookie, 'GET', `${base}/attendees?q=${encodeURIComponent(q)}`));
  const idOf = async (code: string) => (await search(code)).attendees.find((a: { ticket_code: string }) => a.ticket_code === code).id as number;
  return { app, t, owner, supervisor, supervisorUser, eventId: event.id as string, base, entranceId: entrance.id as string, search, idOf };
}

describe.each(dbKinds)('attendee desk over %s', (kind) => {
  const t = useTestDatabase(kind);

  it('finds Müller for "muller" (and "MÜLLER", "weiss", "soren"), with a count', async () => {
    const { search } = await setup(t);
    const names = (page: { attendees: Array<{ last_name: string }> }) => page.attendees.map((a) => a.last_name).sort();
    const muller = await search('muller');
    expect(names(muller)).toEqual(['Muller', 'Müller']);
    expect(muller.total).toBe(2);
    expect(muller.total_capped).toBe(false);
    expect(names(await search('MÜLLER'))).toEqual(['Muller', 'Müller']);
    expect(names(await search('jurgen mul'))).toEqual(['Müller']);
    expect(names(await search('weiss'))).toEqual(['Weiß']);
    expect(names(await search('soren'))).toEqual(['Weiß']);
    expect(names(await search('zz-0004'))).toEqual(['Brown']);
    expect((await search('nobody')).total).toBe(0);
    const all = await search('');
    expect(all.total).toBe(4);
    expect(all.attendees).toHaveLength(4);
  });

  it('a supervisor checks a person in by hand and undoes it; both audited with the user and shown in the history', async () => {
    const { app, supervisor, supervisorUser, base, entranceId, idOf, eventId } = await setup(t);
    const id = await idOf('MU-0001-ABCDEF');
    const result = await dataOf(await consoleRequest(app, supervisor, 'POST', `${base}/attendees/${id}/check-in`, { entrance_id: entranceId }));
    expect(result.verdict).toBe('accepted');
    expect(result.attendee).toMatchObject({ name: 'Jürgen Müller', checkins_used: 1 });
    // A second one by hand is refused like a second scan.
    const again = await dataOf(await consoleRequest(app, supervisor, 'POST', `${base}/attendees/${id}/check-in`, { entrance_id: entranceId }));
    expect(again.verdict).toBe('already_checked_in');

    const [row] = await t()
      .database.db.select()
      .from(checkIns)
      .where(and(eq(checkIns.eventId, eventId), eq(checkIns.scanId, result.scan_id)));
    expect(row).toMatchObject({ userId: supervisorUser.id, deviceId: null, entranceId, verdict: 'accepted' });

    const undo = await dataOf(
      await consoleRequest(app, supervisor, 'POST', `${base}/attendees/${id}/check-ins/${result.scan_id}/undo`, { reason: 'wrong person' }),
    );
    expect(undo).toMatchObject({ kind: 'void', voids_scan_id: result.scan_id, reason: 'wrong person', user_id: supervisorUser.id });
    const twice = await consoleRequest(app, supervisor, 'POST', `${base}/attendees/${id}/check-ins/${result.scan_id}/undo`, { reason: 'again' });
    expect(twice.status).toBe(409);

    const history = await dataOf(await consoleRequest(app, supervisor, 'GET', `${base}/attendees/${id}/history`));
    expect(history.attendee).toMatchObject({ ticket_code: 'MU-0001-ABCDEF', checkins_used: 0 });
    expect(
      history.check_ins.map((r: { kind: string; verdict: string | null; source: string; user: string | null; entrance: string | null }) => [
        r.kind,
        r.verdict,
        r.source,
        r.user,
        r.entrance,
      ]),
    ).toEqual([
      ['void', null, 'console', supervisorUser.name || supervisorUser.email, 'Main gate'],
      ['scan', 'already_checked_in', 'console', supervisorUser.name || supervisorUser.email, 'Main gate'],
      ['scan', 'accepted', 'console', supervisorUser.name || supervisorUser.email, 'Main gate'],
    ]);
    expect(history.check_ins[2].voided_by_scan_id).toBe(undo.scan_id);
    // Undone: the person may be checked in again.
    expect((await dataOf(await consoleRequest(app, supervisor, 'POST', `${base}/attendees/${id}/check-in`, { entrance_id: entranceId }))).verdict).toBe(
      'accepted',
    );
  });

  it('refuses door users, supervisors of other events and strangers; an undo only for this attendee', async () => {
    const { app, owner, base, entranceId, idOf } = await setup(t);
    const id = await idOf('ZZ-0004-ABCDEF');
    const other = await idOf('SO-0003-ABCDEF');
    const door = await signIn(app, (await makeUser(t().database, 'door')).email);
    const outsider = await signIn(app, (await makeUser(t().database, 'supervisor')).email);
    const body = { entrance_id: entranceId };
    expect((await consoleRequest(app, door, 'POST', `${base}/attendees/${id}/check-in`, body)).status).toBe(403);
    expect((await consoleRequest(app, outsider, 'POST', `${base}/attendees/${id}/check-in`, body)).status).toBe(403);
    expect((await consoleRequest(app, outsider, 'GET', `${base}/attendees/${id}/history`)).status).toBe(403);
    expect((await consoleRequest(app, null, 'POST', `${base}/attendees/${id}/check-in`, body)).status).toBe(401);
    const done = await dataOf(await consoleRequest(app, owner, 'POST', `${base}/attendees/${id}/check-in`, body));
    expect(done.verdict).toBe('accepted');
    const wrongAttendee = await consoleRequest(app, owner, 'POST', `${base}/attendees/${other}/check-ins/${done.scan_id}/undo`, { reason: 'x' });
    expect(wrongAttendee.status).toBe(404);
  });

  it('answers bad input with 4xx naming the field', async () => {
    const { app, owner, base, entranceId, idOf } = await setup(t);
    const id = await idOf('MU-0002-ABCDEF');
    const errorOf = async (res: Response) => ({ status: res.status, ...((await res.json()) as { error: { code: string; message: string } }).error });
    expect(await errorOf(await consoleRequest(app, owner, 'POST', `${base}/attendees/${id}/check-in`, {}))).toMatchObject({
      status: 400,
      message: expect.stringContaining('entrance_id'),
    });
    expect(
      await errorOf(await consoleRequest(app, owner, 'POST', `${base}/attendees/${id}/check-in`, { entrance_id: '4b1e7a52-3c1f-4f59-9c56-0d7f0f7d2a11' })),
    ).toMatchObject({
      status: 400,
      message: expect.stringContaining('entrance_id'),
    });
    expect(
      await errorOf(await consoleRequest(app, owner, 'POST', `${base}/attendees/${id}/check-in`, { entrance_id: entranceId, direction: 'sideways' })),
    ).toMatchObject({
      status: 400,
      message: expect.stringContaining('direction'),
    });
    expect((await consoleRequest(app, owner, 'POST', `${base}/attendees/abc/check-in`, { entrance_id: entranceId })).status).toBe(400);
    expect((await consoleRequest(app, owner, 'POST', `${base}/attendees/999999/check-in`, { entrance_id: entranceId })).status).toBe(404);
    expect((await consoleRequest(app, owner, 'GET', `${base}/attendees/999999/history`)).status).toBe(404);
    expect((await consoleRequest(app, owner, 'POST', `${base}/attendees/${id}/check-ins/not-a-uuid/undo`, { reason: 'x' })).status).toBe(400);
    const undoNoReason = await consoleRequest(app, owner, 'POST', `${base}/attendees/${id}/check-ins/4b1e7a52-3c1f-4f59-9c56-0d7f0f7d2a11/undo`, {
      reason: '',
    });
    expect(await errorOf(undoNoReason)).toMatchObject({ status: 400, message: expect.stringContaining('reason') });
    expect(
      (await consoleRequest(app, owner, 'POST', `${base}/attendees/${id}/check-ins/4b1e7a52-3c1f-4f59-9c56-0d7f0f7d2a11/undo`, { reason: 'x' })).status,
    ).toBe(404);
  });
});
