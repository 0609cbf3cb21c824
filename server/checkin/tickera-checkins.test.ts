// A ticket Tickera had already checked in (external_checkins, set by the sync) counts as
// used at every FastCheck door, online, in uploads, on the phone's copy and through voids.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fakeClock } from '../clock.ts';
import { attendees } from '../db/schema.ts';
import { makeTestApp } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { newScanId, postJson, seedEvent, signIn } from './test-fixtures.ts';

describe.each(dbKinds)("Tickera's earlier check-ins on %s", (kind) => {
  const t = useTestDatabase(kind);

  async function setup(checkinsAllowed: number) {
    const clock = fakeClock('2026-07-10T19:00:00Z');
    const { app } = makeTestApp(t().database, { clock });
    const seed = await seedEvent(t().database, { checkinsAllowed, attendees: 4 });
    const phone = await signIn(app, seed.eventId, seed.door, 'Door 1');
    const supervisor = await signIn(app, seed.eventId, seed.supervisor, 'Supervisor');
    const setExternal = (code: string, n: number) =>
      t()
        .database.db.update(attendees)
        .set({ externalCheckins: n })
        .where(and(eq(attendees.eventId, seed.eventId), eq(attendees.ticketCode, code)));
    const row = async (code: string) =>
      (
        await t()
          .database.db.select()
          .from(attendees)
          .where(and(eq(attendees.eventId, seed.eventId), eq(attendees.ticketCode, code)))
      )[0];
    return { app, seed, phone, supervisor, setExternal, row };
  }

  it('a single-use ticket used at Tickera is refused online, and FastCheck counts stay its own', async () => {
    const { app, seed, phone, setExternal, row } = await setup(1);
    await setExternal(seed.codes[0], 1);
    const res = await postJson(app, '/api/v1/check-in', phone, { scan_id: newScanId(), ticket_code: seed.codes[0] });
    const body = (await res.json()).data;
    expect(body.verdict).toBe('already_checked_in');
    expect(body.attendee).toMatchObject({ checkins_used: 1, checkins_allowed: 1 });
    expect((await row(seed.codes[0])).checkinsUsed).toBe(0);
  });

  it('a two-entry ticket with one Tickera check-in admits once more, in uploads too', async () => {
    const { app, seed, phone, setExternal, row } = await setup(2);
    await setExternal(seed.codes[1], 1);
    const scans = [0, 1].map((i) => ({
      scan_id: newScanId(),
      ticket_code: seed.codes[1],
      scanned_at: `2026-07-10T18:5${i}:00Z`,
      local_verdict: 'accepted',
      offline: true,
    }));
    const res = await postJson(app, '/api/v1/mobile/scans', phone, { scans, sent_at: '2026-07-10T19:00:00Z' });
    const { results } = (await res.json()).data;
    expect(results.map((r: { verdict: string }) => r.verdict)).toEqual(['accepted', 'conflict']);
    const stored = await row(seed.codes[1]);
    expect(stored.checkinsUsed).toBe(1);
    expect(stored.externalCheckins).toBe(1);
  });

  it("the phone's copy carries the total, so an offline door refuses it too", async () => {
    const { app, seed, phone, setExternal } = await setup(1);
    await setExternal(seed.codes[2], 1);
    const res = await app.request('/api/v1/mobile/attendees?limit=100', { headers: { authorization: `Bearer ${phone.token}` } });
    const { attendees: list } = ((await res.json()) as { data: unknown }).data as { attendees: Array<{ ticket_code: string; checkins_used: number }> };
    expect(list.find((a) => a.ticket_code === seed.codes[2])?.checkins_used).toBe(1);
    expect(list.find((a) => a.ticket_code === seed.codes[3])?.checkins_used).toBe(0);
  });

  it("a void gives back FastCheck's check-in, never Tickera's", async () => {
    const { app, seed, phone, supervisor, setExternal, row } = await setup(2);
    await setExternal(seed.codes[3], 1);
    const scanId = newScanId();
    const first = (await (await postJson(app, '/api/v1/check-in', phone, { scan_id: scanId, ticket_code: seed.codes[3] })).json()).data;
    expect(first.verdict).toBe('accepted');
    expect((await row(seed.codes[3])).checkinsUsed).toBe(1);
    const voided = await postJson(app, `/api/v1/check-ins/${scanId}/void`, supervisor, { reason: 'scanned the wrong ticket' });
    expect(voided.status).toBe(200);
    const after = await row(seed.codes[3]);
    expect(after.checkinsUsed).toBe(0);
    expect(after.externalCheckins).toBe(1);
  });
});
