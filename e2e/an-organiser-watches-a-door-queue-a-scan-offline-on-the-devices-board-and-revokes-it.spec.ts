import { seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ConsolePage } from './pages/console-page.ts';
import { ScannerPage } from './pages/scanner-page.ts';

test.use({ viewport: { width: 1400, height: 900 } });

test('an organiser watches a door sign in, queue a scan offline and wait with it on the devices board, and revokes the phone', async ({
  browser,
  server,
  database,
}) => {
  const seeded = await seedEvent(database.database, { attendees: 30 });
  const organiser = new ConsolePage(await (await browser.newContext()).newPage());
  await organiser.open(server.url, `/console/events/${seeded.eventId}/devices`);
  await organiser.signIn();
  await expect(organiser.page.getByText('No phone has signed in to this event yet.')).toBeVisible();

  // A door signs in at Main: the board shows it online, with its gate, its app version and nothing waiting.
  const doorContext = await browser.newContext();
  const door = new ScannerPage(await doorContext.newPage());
  await door.open(server.url);
  await door.readyOffline();
  await door.signIn(seeded.eventId, seeded.doorCredential, 'North door');
  await door.waitForSynced(32);
  const row = organiser.deviceRow('North door');
  await expect(row.getByTestId('device-seen')).toContainText('online');
  await expect(row).toContainText('Main');
  await expect(row.getByTestId('device-version')).toHaveText(/^0\.1\.0/);
  await expect(row.getByTestId('device-outbox')).toHaveText('0');

  // It loses its signal and admits a guest on its own: one scan waits in its outbox.
  await doorContext.setOffline(true);
  await door.scan(seeded.codes[0], 'accepted');
  await door.expectPending(1);

  // The signal comes back but its uploads do not get through: its next sync says one scan waits.
  await doorContext.route('**/api/v1/mobile/scans', (route) => route.abort('internetdisconnected'));
  await doorContext.setOffline(false);
  await expect(row.getByTestId('device-outbox')).toHaveText('1');
  await expect(organiser.page.getByTestId('devices-summary')).toContainText('1 phone · 1 online · 1 scan waiting');
  await expect(row.getByTestId('device-seen')).toContainText('online');
  await organiser.page.screenshot({ path: test.info().outputPath('devices-board.png'), fullPage: true });

  // The organiser revokes the phone: its next request is refused, it asks to sign in again, and keeps its scan.
  await organiser.revokeDevice('North door');
  await expect(door.page.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  await door.expectPending(1);
  await organiser.page.screenshot({ path: test.info().outputPath('devices-board-revoked.png'), fullPage: true });
});
