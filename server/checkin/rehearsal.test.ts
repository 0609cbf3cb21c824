// The doors-open lead and rehearsal on the server: the lead is validated and decides the
// opening of doors; an online scan during rehearsal is judged as at doors-open and writes
// nothing (no audit row, ticket unused); once doors open the same ticket is admitted for real.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { fakeClock } from '../clock.ts';
import { attendees, checkIns } from '../db/schema.ts';
import { consoleRequest, dataOf, makeUser, signIn as consoleSignIn } from '../organiser/console-test-kit.ts';
import { makeTestApp } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { RULES_TTL_MS } from './event-rules-cache.ts';
import { newScanId, postJson, seedEvent, signIn } from './test-fixtures.ts';

const START = new Date('2026-07-10T18:00:00Z'); // 20:00 in Amsterdam
const minutesBefore = (m: number) => new Date(START.getTime() - m * 60_000);

describe.each(dbKinds)('doors open and rehearsal over %s', (kind) => {
  const t = useTestDatabase(kind);

  async function setup(now: Date) {
    vi.useFakeTimers({ toFake: ['performance'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const clock = fakeClock(now);
    const { app } = makeTestApp(t().database, { clock });
    const seed = await seedEvent(t().database, { startsAt: START, endsAt: new Date('2026-07-11T02:00:00Z') });
    const phone = await signIn(app, seed.eventId, seed.door, 'Door 1');
    const admin = await consoleSignIn(app, (await makeUser(t().database, 'admin')).email);
    const patch = async (body: unknown) => dataOf(await consoleRequest(app, admin, 'PATCH', `/api/v1/events/${seed.eventId}`, body));
    const scan = async (code: string) =>
      (await (await postJson(app, '/api/v1/check-in', phone, { scan_id: newScanId(), ticket_code: code, entrance_id: seed.main })).json()).data;
    const rows = async () =>
      Number((await t().database.db.select({ n: sql<number>`count(*)` }).from(checkIns).where(eq(checkIns.eventId, seed.eventId)))[0]!.n);
    const used = async (code: string) =>
      (
        await t()
          .database.db.select({ n: attendees.checkinsUsed })
          .from(attendees)
          .where(sql`${attendees.eventId} = ${seed.eventId} and ${attendees.ticketCode} = ${code}`)
      )[0]!.n;
    const fresh = () => vi.advanceTimersByTime(RULES_TTL_MS + 1);
    return { app, seed, clock, admin, patch, scan, rows, used, fresh };
  }

  it('validates the lead and names the field', async () => {
    const { seed, admin, app } = await setup(minutesBefore(300));
    for (const bad of [-1, 1441, 1.5, '60', null]) {
      const res = await consoleRequest(app, admin, 'PATCH', `/api/v1/events/${seed.eventId}`, { doors_open_minutes_before: bad });
      expect(res.status, String(bad)).toBe(400);
      const body = (await res.json()) as { error: { details: { issues: Array<{ path: string }> } } };
      expect(body.error.details.issues.map((i) => i.path)).toContain('doors_open_minutes_before');
    }
    const created = await dataOf(await consoleRequest(app, admin, 'POST', '/api/v1/events', { name: 'Defaults' }));
    expect(created).toMatchObject({ doors_open_minutes_before: 120, rehearsal: false, end_confirmed: true });
  });

  it('the lead decides when doors open: 45 minutes', async () => {
    const { seed, clock, patch, scan, fresh } = await setup(minutesBefore(60));
    expect(await scan(seed.codes[0]!)).toMatchObject({ verdict: 'accepted' }); // the default 2 h
    await patch({ doors_open_minutes_before: 45 });
    fresh();
    expect(await scan(seed.codes[1]!)).toMatchObject({ verdict: 'not_open', message: 'Main Gate opens at 19:15' });
    clock.set(minutesBefore(45));
    expect(await scan(seed.codes[1]!)).toMatchObject({ verdict: 'accepted' });
  });

  it('a rehearsal scan is judged as at doors-open, writes no check_ins row and leaves the ticket unused; after doors open it is admitted for real', async () => {
    const { seed, clock, patch, scan, rows, used, fresh } = await setup(minutesBefore(180));
    const code = seed.codes[2]!;
    // Before doors, no rehearsal: a real refusal, recorded.
    expect(await scan(code)).toMatchObject({ verdict: 'not_open' });
    expect(await rows()).toBe(1);

    await patch({ rehearsal: true });
    fresh();
    const rehearsed = await scan(code);
    expect(rehearsed).toMatchObject({ verdict: 'accepted', rehearsal: true, message: 'Welcome, First2 Last2' });
    expect(await scan('NOPE-1')).toMatchObject({ verdict: 'unknown_ticket', rehearsal: true });
    expect(await rows()).toBe(1);
    expect(await used(code)).toBe(0);

    // Rehearsal ends by itself at doors-open, still switched on.
    clock.set(minutesBefore(120));
    const real = await scan(code);
    expect(real).toMatchObject({ verdict: 'accepted' });
    expect(real.rehearsal).toBeUndefined();
    expect(await rows()).toBe(2);
    expect(await used(code)).toBe(1);
  });
});
