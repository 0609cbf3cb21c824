import { attendees, ticketTypes } from '../server/db/schema.ts';
import { eq } from 'drizzle-orm';
import { auditRows, seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ScannerPage } from './pages/scanner-page.ts';

// Gaps between a wedge scanner's keys, in ms of the page's held clock.
const SCANNER_GAPS = [3, 40, 0, 12, 77, 8];

test('a door admits a lowercase code and a ticket link, and typing a name offers the person instead of recording an unknown ticket', async ({
  page,
  server,
  database,
}) => {
  const seeded = await seedEvent(database.database, { attendees: 10 });
  const [general] = await database.database.db.select({ id: ticketTypes.id }).from(ticketTypes).where(eq(ticketTypes.eventId, seeded.eventId)).limit(1);
  await database.database.db.insert(attendees).values([
    { eventId: seeded.eventId, ticketCode: 'OPP-1945-1', firstName: 'Robert', lastName: 'Oppenheimer', email: 'robert@example.org', ticketTypeId: general.id },
    { eventId: seeded.eventId, ticketCode: 'GAR-0002', firstName: 'Luis', lastName: 'Garcia', email: 'luis@example.org', ticketTypeId: general.id },
  ]);
  const door = new ScannerPage(page);
  // The wedge part at the end types on Playwright's held clock (exact key gaps on a loaded machine).
  await page.clock.install();
  await door.openSignedIn(server.url, seeded, 14);

  // A code typed in lower case is the ticket's code.
  await door.scan(seeded.codes[3].toLowerCase(), 'accepted', 'Welcome, Guest3 Number3');
  // A link-shaped QR payload typed (or pasted) into the field.
  await door.scan(`https://tickets.example.org/check?utm_source=mail&ticket=${seeded.codes[4]}`, 'accepted', 'Welcome, Guest4 Number4');

  // A name is not a ticket: the one person it matches is offered, nothing is recorded yet.
  await door.typeAndCheckIn('oppenheimer');
  const offer = page.getByRole('region', { name: /is not a ticket code/ });
  await expect(offer).toContainText('Robert Oppenheimer');
  await expect(offer).toContainText('OPP-1945-1');
  await page.screenshot({ path: test.info().outputPath('offer-one-person.png') });
  await offer.getByRole('button', { name: 'Check in Robert Oppenheimer' }).click();
  await door.expectVerdict('accepted', 'Welcome, Robert Oppenheimer');

  // A name several people share lists them all; choosing one checks that one in.
  await door.typeAndCheckIn('GARCIA');
  await expect(page.getByRole('status').filter({ hasText: '“GARCIA” is not a ticket code. 2 people match' })).toBeVisible();
  const people = page.getByRole('list', { name: 'People found' });
  await expect(people.getByRole('button')).toHaveCount(2);
  await page.screenshot({ path: test.info().outputPath('offer-many-people.png') });
  await people.getByRole('button', { name: /Luis Garcia/ }).click();
  await door.expectVerdict('accepted', 'Welcome, Luis Garcia');

  // A name no one has is said so, and not scanned.
  await door.typeAndCheckIn('Nobody');
  await expect(page.getByRole('alert').filter({ hasText: 'No ticket or person matches “Nobody”' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('no-match.png') });

  // Only a text that reads as a code and matches nothing is scanned, and refused.
  await door.scan('fc999999-9', 'unknown_ticket', 'Unknown ticket');

  // A wedge scanner reading a link-shaped QR code (the code is its last path segment).
  await door.dismissVerdict();
  await page.getByTestId('gate-name').click();
  await door.holdClock();
  await door.wedgeTypes(`https://t.example.org/t/${seeded.codes[5]}`, SCANNER_GAPS, 'Enter');
  await door.expectVerdict('accepted', 'Welcome, Guest5 Number5');

  const audit = await auditRows(database.database, seeded.eventId);
  expect(audit.map((r) => [r.ticketCode, r.verdict]).sort()).toEqual(
    [
      [seeded.codes[3], 'accepted'],
      [seeded.codes[4], 'accepted'],
      ['OPP-1945-1', 'accepted'],
      ['GAR-0002', 'accepted'],
      ['fc999999-9', 'unknown_ticket'],
      [seeded.codes[5], 'accepted'],
    ].sort(),
  );
});
