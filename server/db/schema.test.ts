import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attendees, checkIns, events, adminAudit } from './schema.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { dbErrorMessage } from '../test/db-error.ts';

describe.each(dbKinds)('schema on %s', (kind) => {
  const t = useTestDatabase(kind);

  async function seedEvent() {
    const { db } = t().database;
    const [event] = await db.insert(events).values({ name: 'Gala' }).returning();
    const [attendee] = await db
      .insert(attendees)
      .values({ eventId: event.id, ticketCode: `T-${Math.random()}`, firstName: 'Lena' })
      .returning();
    return { event, attendee };
  }

  it('check_ins refuses UPDATE, DELETE and TRUNCATE', async () => {
    const { db } = t().database;
    const { event, attendee } = await seedEvent();
    const scanId = crypto.randomUUID();
    await db.insert(checkIns).values({
      scanId,
      eventId: event.id,
      attendeeId: attendee.id,
      ticketCode: attendee.ticketCode,
      verdict: 'accepted',
      scannedAt: new Date(),
    });
    expect(await dbErrorMessage(db.update(checkIns).set({ verdict: 'conflict' }).where(eq(checkIns.scanId, scanId)))).toMatch(/append-only/);
    expect(await dbErrorMessage(db.delete(checkIns).where(eq(checkIns.scanId, scanId)))).toMatch(/append-only/);
    expect(await dbErrorMessage(db.execute(sql`truncate check_ins`))).toMatch(/append-only/);
    const rows = await db.select().from(checkIns).where(eq(checkIns.scanId, scanId));
    expect(rows).toHaveLength(1);
    expect(rows[0].verdict).toBe('accepted');
  });

  it('admin_audit is append-only too', async () => {
    const { db } = t().database;
    const [row] = await db.insert(adminAudit).values({ action: 'test', targetType: 'none' }).returning();
    expect(await dbErrorMessage(db.update(adminAudit).set({ action: 'x' }).where(eq(adminAudit.id, row.id)))).toMatch(/append-only/);
    expect(await dbErrorMessage(db.delete(adminAudit).where(eq(adminAudit.id, row.id)))).toMatch(/append-only/);
  });

  it('a scan id is stored once across all devices', async () => {
    const { db } = t().database;
    const { event, attendee } = await seedEvent();
    const scanId = crypto.randomUUID();
    const row = { scanId, eventId: event.id, ticketCode: attendee.ticketCode, scannedAt: new Date() };
    await db.insert(checkIns).values(row);
    await expect(db.insert(checkIns).values(row)).rejects.toThrow();
  });

  it('attendees: unique code per event, non-negative counts', async () => {
    const { db } = t().database;
    const { event, attendee } = await seedEvent();
    await expect(db.insert(attendees).values({ eventId: event.id, ticketCode: attendee.ticketCode })).rejects.toThrow();
    await expect(db.update(attendees).set({ checkinsUsed: -1 }).where(eq(attendees.id, attendee.id))).rejects.toThrow();
    // The same code in another event is fine.
    const [other] = await db.insert(events).values({ name: 'Other' }).returning();
    await db.insert(attendees).values({ eventId: other.id, ticketCode: attendee.ticketCode });
  });

  it('every write to an attendee moves its change stamp forward', async () => {
    const { db } = t().database;
    const { attendee } = await seedEvent();
    expect(attendee.changeSeq).toBeGreaterThan(0);
    expect(attendee.changeXid).toBeGreaterThan(0);
    const [after] = await db.update(attendees).set({ checkinsUsed: 1 }).where(eq(attendees.id, attendee.id)).returning();
    expect(after.changeSeq).toBeGreaterThan(attendee.changeSeq);
    expect(after.changeXid).toBeGreaterThan(attendee.changeXid);
  });

  it('events refuse an end before the start', async () => {
    const { db } = t().database;
    await expect(
      db.insert(events).values({ name: 'Bad', startsAt: new Date('2026-07-10T20:00:00Z'), endsAt: new Date('2026-07-10T18:00:00Z') }),
    ).rejects.toThrow();
  });
});
