// Ticket codes as people scan and type them (issue 10, item 5), online and uploaded, on both
// databases: case ignored by default, exact case by the event's setting, codes read out of
// links, and an event holding two codes that differ only by case.
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../clock.ts';
import { resultRows } from '../db/client.ts';
import { attendees, checkIns } from '../db/schema.ts';
import { closeSharedRedis } from '../http/rate-limit.ts';
import { makeTestApp } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { newScanId, postJson, seedEvent, signIn } from './test-fixtures.ts';

afterAll(closeSharedRedis);

describe.each(dbKinds)('ticket codes as typed and scanned over %s', (kind) => {
  const t = useTestDatabase(kind);

  async function setup(options: Parameters<typeof seedEvent>[1] = {}) {
    const clock = fakeClock('2026-07-10T19:00:00Z');
    const { app } = makeTestApp(t().database, { clock });
    const seed = await seedEvent(t().database, options);
    const phone = await signIn(app, seed.eventId, seed.door, 'Door 3');
    const scan = async (ticket_code: string) => (await (await postJson(app, '/api/v1/check-in', phone, { scan_id: newScanId(), ticket_code })).json()).data;
    const audit = () => t().database.db.select().from(checkIns).where(eq(checkIns.eventId, seed.eventId)).orderBy(checkIns.id);
    return { app, seed, phone, clock, scan, audit };
  }

  it('admits a lower-case code for its upper-case ticket once, and records the ticket’s own code', async () => {
    const { seed, scan, audit } = await setup();
    expect(seed.codes[0]).toBe('T000000');
    expect(await scan('t000000')).toMatchObject({ verdict: 'accepted', attendee: { name: 'First0 Last0' } });
    expect(await scan('T000000')).toMatchObject({ verdict: 'already_checked_in' });
    expect(await scan(' t000000 ')).toMatchObject({ verdict: 'already_checked_in' });
    const rows = await audit();
    expect(rows.map((r) => [r.ticketCode, r.verdict, r.attendeeId !== null])).toEqual([
      ['T000000', 'accepted', true],
      ['T000000', 'already_checked_in', true],
      ['T000000', 'already_checked_in', true],
    ]);
  });

  it('reads the code out of a link: ?ticket=, ?code= and the last path segment', async () => {
    const { seed, scan } = await setup();
    expect(await scan(`https://shop.example.org/tickets/check?ticket=${seed.codes[1].toLowerCase()}&utm=x`)).toMatchObject({ verdict: 'accepted' });
    expect(await scan(`https://shop.example.org/?code=${seed.codes[2]}`)).toMatchObject({ verdict: 'accepted' });
    expect(await scan(`https://shop.example.org/t/${seed.codes[3]}/`)).toMatchObject({ verdict: 'accepted' });
    expect(await scan(`https://shop.example.org/t/${seed.codes[3]}`)).toMatchObject({ verdict: 'already_checked_in' });
  });

  it('an event that keeps exact case refuses the lower-case code and admits the exact one', async () => {
    const { scan } = await setup({ ticketCodeExactCase: true });
    expect(await scan('t000000')).toMatchObject({ verdict: 'unknown_ticket', attendee: null });
    expect(await scan('T000000')).toMatchObject({ verdict: 'accepted' });
  });

  it('the phone learns the event’s setting at sign-in', async () => {
    const { app, seed } = await setup({ ticketCodeExactCase: true });
    const res = await postJson(app, '/api/v1/mobile/login', null, { event_id: seed.eventId, credential: seed.door });
    expect((await res.json()).data.event.ticket_code_exact_case).toBe(true);
  });

  it('two codes differing only by case: each matches exactly, a third spelling is unknown (never a guess)', async () => {
    const { seed, scan, audit } = await setup();
    await t()
      .database.db.insert(attendees)
      .values([
        { eventId: seed.eventId, ticketCode: 'AbC-7', firstName: 'Mixed', lastName: 'Case', ticketTypeId: seed.ga },
        { eventId: seed.eventId, ticketCode: 'ABC-7', firstName: 'Upper', lastName: 'Case', ticketTypeId: seed.ga },
      ]);
    expect(await scan('abc-7')).toMatchObject({ verdict: 'unknown_ticket', attendee: null });
    expect(await scan('ABC-7')).toMatchObject({ verdict: 'accepted', attendee: { name: 'Upper Case' } });
    expect(await scan('AbC-7')).toMatchObject({ verdict: 'accepted', attendee: { name: 'Mixed Case' } });
    expect((await audit()).map((r) => r.ticketCode)).toEqual(['abc-7', 'ABC-7', 'AbC-7']);
  });

  it('an upload with one ticket typed in two cases decides them in order against one allowance', async () => {
    const { app, phone, seed, clock } = await setup();
    clock.set('2026-07-10T19:10:00Z');
    const offline = (code: string, at: string) => ({
      scan_id: newScanId(),
      ticket_code: code,
      scanned_at: at,
      direction: 'in',
      local_verdict: 'accepted',
      offline: true,
    });
    const res = await postJson(app, '/api/v1/mobile/scans', phone, {
      sent_at: '2026-07-10T19:10:00Z',
      scans: [offline('t000004', '2026-07-10T19:02:00Z'), offline('T000004', '2026-07-10T19:01:00Z')],
    });
    expect(res.status).toBe(200);
    const results = (await res.json()).data.results;
    expect(results.map((r: { verdict: string }) => r.verdict)).toEqual(['conflict', 'accepted']);
    const [row] = await t().database.db.select().from(attendees).where(sql`${attendees.eventId} = ${seed.eventId} and ${attendees.ticketCode} = 'T000004'`);
    expect(row.checkinsUsed).toBe(1);
  });

  it('the lookup uses the case-folded expression index', async () => {
    const { seed } = await setup({ attendees: 200 });
    await t().database.db.execute(sql`analyze attendees`);
    await t().database.db.execute(sql`set enable_seqscan = off`);
    const plan = await t().database.db.execute(
      sql`explain select id from attendees where event_id = ${seed.eventId}::uuid and lower(ticket_code collate "C") = ${'t000001'}::text`,
    );
    await t().database.db.execute(sql`reset enable_seqscan`);
    const text = JSON.stringify(resultRows(plan));
    expect(text).toContain('attendees_event_code_key_ci_idx');
  });
});
