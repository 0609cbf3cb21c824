import { seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ConsolePage } from './pages/console-page.ts';
import { ScannerPage } from './pages/scanner-page.ts';

test.use({ viewport: { width: 1400, height: 900 } });

test('a door that signs out, is reloaded and signs in again is one phone on the devices board', async ({ browser, server, database }) => {
  const seeded = await seedEvent(database.database, { attendees: 12 });
  const doorContext = await browser.newContext();
  const door = new ScannerPage(await doorContext.newPage());
  await door.open(server.url);
  await door.readyOffline();
  await door.signIn(seeded.eventId, seeded.doorCredential, 'North door');
  await door.waitForSynced(14);
  await door.scan(seeded.codes[0], 'accepted');
  await door.expectPending(0);

  await door.askToSignOut();
  await door.page.getByTestId('confirm-sign-out').click();
  await door.expectSignedOut();
  await door.page.reload();
  await door.expectSignedOut();
  await door.signIn(seeded.eventId, seeded.doorCredential, 'North door');
  await door.waitForSynced(14);
  await door.scan(seeded.codes[1], 'accepted');
  await door.expectPending(0);

  const organiser = new ConsolePage(await (await browser.newContext()).newPage());
  await organiser.open(server.url, `/console/events/${seeded.eventId}/devices`);
  await organiser.signIn();
  await expect(organiser.deviceRow('North door').getByTestId('device-seen')).toContainText('online');
  await expect(organiser.page.getByTestId('device-row')).toHaveCount(1);
  await expect(organiser.page.getByTestId('devices-summary')).toContainText('1 phone · 1 online · 0 scans waiting');
  await organiser.page.screenshot({ path: test.info().outputPath('devices-board-one-phone.png'), fullPage: true });
});
