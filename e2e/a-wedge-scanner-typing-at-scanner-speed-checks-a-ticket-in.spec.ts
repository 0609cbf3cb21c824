import { auditRows, seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ScannerPage } from './pages/scanner-page.ts';

test('a wedge scanner typing at scanner speed anywhere on the screen checks a ticket in, and slow typing does not', async ({ page, server, database }) => {
  const seeded = await seedEvent(database.database, { attendees: 10 });
  const door = new ScannerPage(page);
  await door.openSignedIn(server.url, seeded, 12);

  // Nothing focused: the keys go to the page, not to a field.
  await page.getByTestId('gate-name').click();
  await page.keyboard.type(seeded.codes[3], { delay: 8 });
  await page.keyboard.press('Enter');
  await door.expectVerdict('accepted', 'Welcome, Guest3 Number3');

  // A person typing slowly is not a scanner.
  await door.dismissVerdict();
  await page.getByTestId('gate-name').click();
  await page.keyboard.type(seeded.codes[4], { delay: 120 });
  await page.keyboard.press('Enter');
  await expect(door.verdict).toBeHidden();
  // (No sleep to "make sure": the next scan's verdict below, and the audit rows at the end
  // holding only codes 3 and 5, show that the slow typing made no scan.)

  // A scanner that ends with a pause instead of Enter.
  await page.keyboard.type(seeded.codes[5], { delay: 5 });
  await door.expectVerdict('accepted', 'Welcome, Guest5 Number5');

  const codes = (await auditRows(database.database, seeded.eventId)).map((r) => r.ticketCode).sort();
  expect(codes).toEqual([seeded.codes[3], seeded.codes[5]].sort());
});
