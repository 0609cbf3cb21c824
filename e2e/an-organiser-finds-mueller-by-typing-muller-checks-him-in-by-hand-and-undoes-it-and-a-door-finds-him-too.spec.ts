import { and, asc, eq } from 'drizzle-orm';
import { checkIns, events } from '../server/db/schema.ts';
import { makeUser, TEST_PASSWORD } from '../server/organiser/console-test-kit.ts';
import { seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ConsolePage } from './pages/console-page.ts';
import { ScannerPage } from './pages/scanner-page.ts';

test.use({ viewport: { width: 1280, height: 900 } });

test('an organiser finds Müller by typing "muller", checks him in by hand and undoes it, and a door finds him too', async ({
  page,
  browser,
  server,
  database,
}) => {
  const seeded = await seedEvent(database.database, {
    attendees: 30,
    extra: [
      { code: 'MUELLER-7F3A9C21-0001', firstName: 'Jürgen', lastName: 'Müller' },
      { code: 'LONG-2B8E-4D1F-9A77-1', firstName: 'Maximiliane Alexandra Konstanze', lastName: 'von Hohenzollern-Sigmaringen' },
    ],
  });
  const organiser = await makeUser(database.database, 'organiser');
  await database.database.db.update(events).set({ ownerId: organiser.id }).where(eq(events.id, seeded.eventId));

  const console_ = new ConsolePage(page);
  await console_.open(server.url, `/console/events/${seeded.eventId}/attendees`);
  await console_.signIn(organiser.email, TEST_PASSWORD);
  // 30 guests, the named and the cancelled one of the seed, and the two above.
  await expect(page.getByTestId('attendee-count')).toHaveText('34 attendees');
  await console_.searchAttendees('muller', '1 attendee matches “muller”');
  const list = page.getByTestId('attendees');
  await expect(list.getByRole('row', { name: /Jürgen Müller/ })).toContainText('MUELLER-7F3A9C21-0001');

  // Codes stay on one line at any width; long names wrap between words.
  await console_.searchAttendees('hohenzollern', '1 attendee matches “hohenzollern”');
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const code = list.getByText('LONG-2B8E-4D1F-9A77-1', { exact: true });
    const box = await code.boundingBox();
    const lineHeight = await code.evaluate((el) => Number.parseFloat(getComputedStyle(el).lineHeight) || 20);
    expect(box!.height).toBeLessThan(lineHeight * 1.5);
    await page.screenshot({ path: test.info().outputPath(`attendees-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  await console_.searchAttendees('MÜLLER', '1 attendee matches “MÜLLER”');
  const desk = await console_.openHistory('Jürgen Müller');
  await expect(desk.getByText('No scans yet.')).toBeVisible();
  await console_.checkInByHand('Main');
  const history = page.getByTestId('attendee-history');
  await expect(history.getByRole('row')).toHaveCount(2);
  await expect(history.getByRole('row').nth(1)).toContainText('accepted');
  await expect(history.getByRole('row').nth(1)).toContainText(`${organiser.name || organiser.email} (console)`);
  await expect(history.getByRole('row').nth(1)).toContainText('Main');
  await expect(list.getByRole('row', { name: /Jürgen Müller/ })).toContainText('1 / 1');

  await console_.undoAdmission('Checked in the wrong Müller');
  await expect(history.getByRole('row')).toHaveCount(3);
  await expect(history.getByRole('row').nth(1)).toContainText('void');
  await expect(history.getByRole('row').nth(1)).toContainText('Checked in the wrong Müller');
  await expect(history.getByRole('row').nth(2)).toContainText('voided');
  await expect(history.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  await expect(list.getByRole('row', { name: /Jürgen Müller/ })).toContainText('0 / 1');
  await page.screenshot({ path: test.info().outputPath('attendee-history.png'), fullPage: true });

  const audit = await database.database.db
    .select({ kind: checkIns.kind, verdict: checkIns.verdict, deviceId: checkIns.deviceId, userId: checkIns.userId })
    .from(checkIns)
    .where(and(eq(checkIns.eventId, seeded.eventId), eq(checkIns.ticketCode, 'MUELLER-7F3A9C21-0001')))
    .orderBy(asc(checkIns.id));
  expect(audit.map((r) => [r.kind, r.verdict, r.deviceId, r.userId])).toEqual([
    ['scan', 'accepted', null, organiser.id],
    ['void', null, null, organiser.id],
  ]);

  // At the door, offline search folds the same way.
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const door = new ScannerPage(await phoneContext.newPage());
  await door.openSignedIn(server.url, seeded, 34);
  await door.page.getByLabel('Ticket code, name or email').fill('muller');
  await expect(door.page.getByTestId('search-result')).toHaveCount(1);
  await expect(door.page.getByTestId('search-result')).toContainText('Jürgen Müller');
  await door.page.screenshot({ path: test.info().outputPath('door-search-muller.png') });
  await phoneContext.close();
});
