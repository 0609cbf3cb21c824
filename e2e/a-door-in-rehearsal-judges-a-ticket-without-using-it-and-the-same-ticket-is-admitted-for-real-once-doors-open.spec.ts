import { sql } from 'drizzle-orm';
import { events } from '../server/db/schema.ts';
import { eq } from 'drizzle-orm';
import { seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ConsolePage } from './pages/console-page.ts';
import { ScannerPage } from './pages/scanner-page.ts';

test.use({ viewport: { width: 1280, height: 900 } });

const HOUR = 3_600_000;

test('a door in rehearsal judges a ticket without using it, the audit log stays empty, and the same ticket is admitted for real once doors open', async ({
  browser,
  server,
  database,
}) => {
  const seeded = await seedEvent(database.database, { attendees: 20 });
  // The event starts in three hours; doors open two hours before it: an hour from now.
  const start = new Date(Math.ceil((Date.now() + 3 * HOUR) / 60_000) * 60_000);
  await database.database.db
    .update(events)
    .set({ startsAt: start, endsAt: new Date(start.getTime() + 6 * HOUR) })
    .where(eq(events.id, seeded.eventId));
  const auditRows = async () =>
    Number((await database.database.query<{ n: string }>(sql`select count(*) as n from check_ins where event_id = ${seeded.eventId}`))[0]!.n);

  // The organiser switches rehearsal on.
  const organiser = new ConsolePage(await (await browser.newContext()).newPage());
  await organiser.open(server.url, `/console/events/${seeded.eventId}/setup`);
  await organiser.signIn();
  await organiser.switchRehearsal(true);
  await expect(organiser.page.getByTestId('rehearsal-state')).toContainText('until doors open at');

  // A door signs in: it says it is rehearsing before any scan.
  const doorContext = await browser.newContext({ viewport: { width: 390, height: 780 } });
  const door = new ScannerPage(await doorContext.newPage());
  await door.open(server.url);
  await door.readyOffline();
  await door.signIn(seeded.eventId, seeded.doorCredential);
  await door.waitForSynced(22);
  await expect(door.rehearsalStrip).toBeVisible();

  // The guest is judged against the real list (as at doors-open), shown REHEARSAL, and not used.
  const guest = seeded.codes[0]!;
  await door.scan(guest, 'accepted');
  await expect(door.rehearsalBanner).toHaveText('REHEARSAL');
  await door.page.screenshot({ path: 'e2e/artifacts/door-rehearsal-verdict.png' });
  await door.dismissVerdict();
  // A second rehearsal scan of the same ticket: kept apart on the phone, so "already checked in".
  await door.scan(guest, 'already_checked_in');
  await expect(door.rehearsalBanner).toBeVisible();
  await door.dismissVerdict();
  await door.expectPending(0);
  expect(JSON.parse((await door.storedMeta(`rehearsal:${seeded.eventId}`)) ?? '{}')).toHaveProperty([guest]);

  // Nothing reached the audit: not in the database, not in the console.
  expect(await auditRows()).toBe(0);
  await organiser.tab('Audit log');
  await expect(organiser.page.getByText('No scans match.')).toBeVisible();

  // Doors open now (the organiser opens them an hour earlier): rehearsal ends by itself.
  await organiser.setDoorsOpen(240);
  await expect(organiser.page.getByTestId('rehearsal-state')).toContainText('Rehearsal ended when doors opened');

  // The door hears the new rules at its next sync (coming back online syncs at once).
  await doorContext.setOffline(true);
  await doorContext.setOffline(false);
  await expect(door.rehearsalStrip).toBeHidden();
  // That sync also forgot what the rehearsal admitted (before any scan could).
  await expect.poll(() => door.storedMeta(`rehearsal:${seeded.eventId}`)).toBeUndefined();
  await door.scan(guest, 'accepted');
  await expect(door.rehearsalBanner).toBeHidden();
  await expect.poll(auditRows).toBe(1);
  await door.dismissVerdict();
  await door.scan(guest, 'already_checked_in');
});
