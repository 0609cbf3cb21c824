// Issue 10 item 8: a ticket checked in directly in Tickera before FastCheck's next sync is
// admitted again at a FastCheck door; Tickera refuses the write-back. That ends as a
// conflict in the audit log and in the doors' conflict feed, not only as a failed outbox row.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTickeraSim, type TickeraSim } from '../../tickera-sim/server.ts';
import { auditListResponseSchema } from '../../shared/protocol/audit.ts';
import { newScanId, postJson, seedEvent, signIn } from '../checkin/test-fixtures.ts';
import { fakeClock } from '../clock.ts';
import { attendees, checkIns, tickeraOutbox } from '../db/schema.ts';
import { closeSharedRedis } from '../http/rate-limit.ts';
import { consoleRequest, dataOf, makeUser, signIn as consoleSignIn } from '../organiser/console-test-kit.ts';
import { makeTestApp } from '../test/app.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { connectTickera } from './connect.ts';
import { tickeraConflictScanId } from './double-admission.ts';
import { createWritebackWorker, tickeraWritebackService } from './writeback.ts';

let sim: TickeraSim;
/** Tickets already handed to a test: both databases' runs share one simulator. */
const taken = new Set<string>();
beforeAll(async () => {
  sim = await startTickeraSim({ tickets: 40 });
});
afterAll(async () => {
  await sim.close();
  await closeSharedRedis();
});

describe.each(dbKinds)('a ticket checked in at Tickera and again at a FastCheck door, over %s', (kind) => {
  const t = useTestDatabase(kind);

  async function setup() {
    // Outbox rows are stamped by the database's clock: the fake one runs just ahead of it.
    const clock = fakeClock(new Date(Date.now() + 60_000));
    const { app, deps } = makeTestApp(t().database, { clock });
    const seed = await seedEvent(t().database, { attendees: 2 });
    await connectTickera(deps, seed.eventId, {
      site_url: sim.url,
      api_key: sim.apiKey,
      writeback: true,
      starts_at: new Date(Date.now() - 3_600_000).toISOString(),
      ends_at: new Date(Date.now() + 10 * 3_600_000).toISOString(),
    });
    const door = await signIn(app, seed.eventId, seed.door, 'Door 1');
    const cookie = await consoleSignIn(app, (await makeUser(t().database, 'admin')).email);
    // A ticket FastCheck synced while it was still unused.
    const ticket = sim.tickets.find((x) => x.type.allowed === 1 && x.checkins.length === 0 && !taken.has(x.code))!;
    taken.add(ticket.code);
    await t().database.db.insert(attendees).values({ eventId: seed.eventId, ticketCode: ticket.code, firstName: 'Tia', lastName: 'Twice', checkinsAllowed: 1 });
    const outbox = async (scanId: string) => (await t().database.db.select().from(tickeraOutbox).where(eq(tickeraOutbox.scanId, scanId)))[0];
    const conflictRows = () =>
      t()
        .database.db.select()
        .from(checkIns)
        .where(and(eq(checkIns.eventId, seed.eventId), eq(checkIns.verdict, 'conflict')));
    return { app, deps, seed, door, cookie, ticket, outbox, conflictRows, clock };
  }

  it('the failed write-back becomes a conflict in the audit log and in every door’s conflict feed, once', async () => {
    const { app, deps, seed, door, cookie, ticket, outbox, conflictRows } = await setup();
    const stop = await tickeraWritebackService(deps);
    try {
      // Tickera's own app checks the ticket in; FastCheck has not synced since.
      ticket.checkins.push({ at: new Date(Date.now() - 5 * 60_000), status: 'Pass' });
      const scanId = newScanId();
      const scan = (await (await postJson(app, '/api/v1/check-in', door, { scan_id: scanId, ticket_code: ticket.code, entrance_id: seed.main })).json()).data;
      expect(scan.verdict).toBe('accepted');
      await expect.poll(async () => (await outbox(scanId))?.status, { timeout: 30_000 }).toBe('failed');
      expect((await outbox(scanId))!.lastError).toContain('already checked in there');

      const [conflict] = await conflictRows();
      expect(conflict).toMatchObject({
        scanId: tickeraConflictScanId(scanId),
        kind: 'tickera_conflict',
        conflictWithScanId: scanId,
        ticketCode: ticket.code,
        entranceId: seed.main,
        deviceId: door.deviceId,
      });
      expect(conflict.message).toMatch(/^Admitted, but already checked in at Tickera \(.+\): review$/);

      // Every door's feed lists it, naming the FastCheck admission.
      const feed = await app.request('/api/v1/mobile/conflicts?since=0', { headers: door.auth });
      expect(feed.status).toBe(200);
      const { conflicts } = ((await feed.json()) as { data: { conflicts: Array<Record<string, unknown>> } }).data;
      expect(conflicts).toEqual([
        expect.objectContaining({
          scan_id: conflict.scanId,
          ticket_code: ticket.code,
          attendee_name: 'Tia Twice',
          device: 'Door 1',
          entrance: 'Main Gate',
          message: conflict.message,
          voided: false,
          conflict_with: expect.objectContaining({ scan_id: scanId, device: 'Door 1' }),
        }),
      ]);

      // The audit log flags it with the conflicts; the live numbers count it.
      const audit = auditListResponseSchema.parse(
        await dataOf(await consoleRequest(app, cookie, 'GET', `/api/v1/events/${seed.eventId}/check-ins?conflicts_only=true`)),
      );
      expect(audit.check_ins.map((r) => [r.kind, r.verdict, r.conflict_with_scan_id])).toEqual([['tickera_conflict', 'conflict', scanId]]);
      expect(await dataOf(await consoleRequest(app, cookie, 'GET', `/api/v1/events/${seed.eventId}/stats`))).toMatchObject({ conflicts: 1, admitted: 1 });

      // A repeat of the write-back (nothing is due) or of the recording adds nothing.
      expect(await createWritebackWorker(deps).runOnce()).toBe(0);
      await t()
        .database.db.update(tickeraOutbox)
        .set({ status: 'pending', nextAttemptAt: sql`now() - interval '1 minute'` })
        .where(eq(tickeraOutbox.scanId, scanId));
      await createWritebackWorker(deps).runOnce();
      expect(await conflictRows()).toHaveLength(1);

      // A supervisor voids it: the void is evidence in the case, which stays open in the
      // inbox (and the tile) until someone resolves it; then it leaves the open count.
      const supervisor = await signIn(app, seed.eventId, seed.supervisor, 'Supervisor');
      expect((await postJson(app, `/api/v1/check-ins/${conflict.scanId}/void`, supervisor, { reason: 'checked: same person' })).status).toBe(200);
      expect(await dataOf(await consoleRequest(app, cookie, 'GET', `/api/v1/events/${seed.eventId}/stats`))).toMatchObject({ conflicts: 1, admitted: 1 });
      const resolve = { action: 'resolve', note: 'same person, let in once' };
      expect((await consoleRequest(app, cookie, 'POST', `/api/v1/events/${seed.eventId}/conflicts/${conflict.scanId}/reviews`, resolve)).status).toBe(201);
      expect(await dataOf(await consoleRequest(app, cookie, 'GET', `/api/v1/events/${seed.eventId}/stats`))).toMatchObject({ conflicts: 0, admitted: 1 });
    } finally {
      await stop();
    }
  });

  it('a write-back Tickera takes, or a Fail with no check-in of its own there, makes no conflict', async () => {
    const { app, deps, door, ticket, outbox, conflictRows } = await setup();
    const stop = await tickeraWritebackService(deps);
    try {
      const first = newScanId();
      expect((await (await postJson(app, '/api/v1/check-in', door, { scan_id: first, ticket_code: ticket.code })).json()).data.verdict).toBe('accepted');
      await expect.poll(async () => (await outbox(first))?.status, { timeout: 30_000 }).toBe('done');
      // Our own earlier write-back is the only Pass there: a Fail now is not a double admission.
      await t().database.db.update(attendees).set({ checkinsUsed: 0, inside: false }).where(eq(attendees.ticketCode, ticket.code));
      const second = newScanId();
      expect((await (await postJson(app, '/api/v1/check-in', door, { scan_id: second, ticket_code: ticket.code })).json()).data.verdict).toBe('accepted');
      await expect.poll(async () => (await outbox(second))?.status, { timeout: 30_000 }).toBe('failed');
      expect(await conflictRows()).toEqual([]);
    } finally {
      await stop();
    }
  });
});
