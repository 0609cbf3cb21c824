import { expect, test } from './fixtures/test.ts';
import { auditRows, seedEvent } from './fixtures/seed.ts';
import { ScannerPage } from './pages/scanner-page.ts';

test('a door signs in, syncs 10,000 attendees with a progress bar, admits a ticket once and refuses it the second time', async ({ page, server, database }) => {
  const seeded = await seedEvent(database.database, { attendees: 10_000 });
  const door = new ScannerPage(page);
  await door.open(server.url);
  await door.readyOffline();
  await door.signIn(seeded.eventId, seeded.doorCredential);

  // The progress bar moves while pages of the list arrive.
  const progress = page.getByTestId('sync-progress');
  await expect(progress).toBeVisible();
  await door.waitForSynced(10_002);

  const code = seeded.codes[42];
  await door.scan(code, 'accepted', 'Welcome, Guest42 Number42');
  await expect(page.getByTestId('verdict-name')).toHaveText('Guest42 Number42');
  await expect(page.getByTestId('verdict-type')).toHaveText('General');
  await door.scan(code, 'already_checked_in', /^Already checked in/);
  await expect(page.getByTestId('verdict-headline')).toHaveText('Already in');

  // Search by name over the local copy finds the named attendee and checks her in.
  await door.dismissVerdict();
  await page.getByTestId('manual-code').fill('ana gar');
  await page.getByTestId('search-result').first().click();
  await door.expectVerdict('accepted', 'Welcome, Ana Garcia');

  const audit = await auditRows(database.database, seeded.eventId);
  expect(audit.map((r) => [r.ticketCode, r.verdict, r.offline]).sort()).toEqual(
    [
      [code, 'accepted', false],
      [code, 'already_checked_in', false],
      [seeded.named.code, 'accepted', false],
    ].sort(),
  );
  const feedback = await page.evaluate(() =>
    (globalThis as unknown as { __fastcheck: { feedback: Array<{ tone: string }> } }).__fastcheck.feedback.map((f) => f.tone),
  );
  expect(feedback).toEqual(['accepted', 'already', 'accepted']);
});
