import { auditRows, seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ScannerPage } from './pages/scanner-page.ts';

// Gaps between keys, in ms of the page's held clock: a scanner on a busy phone (0–80 ms,
// uneven) and a person (120 ms and more).
const SCANNER_GAPS = [3, 80, 0, 41, 77, 12, 80, 1, 65, 29, 8, 80, 54];
const SLOW_SCANNER_GAPS = [80, 79, 80, 66, 80];
const PERSON_GAPS = [120, 180, 135, 400, 121, 250];

test('a wedge scanner typing at scanner speed anywhere on the screen checks a ticket in, and slow typing does not', async ({ page, server, database }) => {
  const seeded = await seedEvent(database.database, { attendees: 10 });
  const door = new ScannerPage(page);
  // The page's timers and performance.now() run on Playwright's clock, held below while keys
  // are typed, so the gaps between keys are exact even on a loaded machine.
  await page.clock.install();
  await door.openSignedIn(server.url, seeded, 12);

  // Nothing focused: the keys go to the page, not to a field.
  await page.getByTestId('gate-name').click();
  await door.holdClock();

  // Uneven gaps up to 80 ms, ended by Enter: one code, the whole code.
  await door.wedgeTypes(seeded.codes[3], SCANNER_GAPS, 'Enter');
  await door.expectVerdict('accepted', 'Welcome, Guest3 Number3');

  // Ended by Tab, every gap near the limit.
  await door.dismissVerdict();
  await door.wedgeTypes(seeded.codes[6], SLOW_SCANNER_GAPS, 'Tab');
  await door.expectVerdict('accepted', 'Welcome, Guest6 Number6');

  // A person typing 120 ms apart or slower is not a scanner, with Enter or without.
  await door.dismissVerdict();
  await door.wedgeTypes(seeded.codes[4], PERSON_GAPS, 'Enter');
  await door.wedgeTypes(seeded.codes[4], PERSON_GAPS, 'none');
  await expect(door.verdict).toBeHidden();
  // (No sleep to "make sure": the next scan's verdict below, and the audit rows at the end
  // holding only the scanned codes, show that the slow typing made no scan.)

  // A scanner that ends with a pause instead of Enter.
  await door.wedgeTypes(seeded.codes[5], SCANNER_GAPS, 'none');
  await door.expectVerdict('accepted', 'Welcome, Guest5 Number5');

  const codes = (await auditRows(database.database, seeded.eventId)).map((r) => r.ticketCode).sort();
  expect(codes).toEqual([seeded.codes[3], seeded.codes[5], seeded.codes[6]].sort());
});
