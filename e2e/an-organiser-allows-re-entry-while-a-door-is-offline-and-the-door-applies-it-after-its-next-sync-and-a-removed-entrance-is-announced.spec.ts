import { seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ConsolePage } from './pages/console-page.ts';
import { ScannerPage } from './pages/scanner-page.ts';

test.use({ viewport: { width: 1280, height: 900 } });

test('an organiser allows re-entry while a door is offline; the door applies it after its next sync, and a removed entrance is announced', async ({
  browser,
  server,
  database,
}) => {
  // A door whose credential is not bound to one entrance: it chose Main at sign-in.
  const seeded = await seedEvent(database.database, { attendees: 30, bound: false });
  const doorContext = await browser.newContext();
  const door = new ScannerPage(await doorContext.newPage());
  await door.open(server.url);
  await door.readyOffline();
  await door.signIn(seeded.eventId, seeded.doorCredential);
  await door.chooseEntrance('Main');
  await door.waitForSynced(32);
  await expect(door.page.getByTestId('gate-name')).toContainText('Main');
  const guest = seeded.codes[0];
  await door.scan(guest, 'accepted');

  // The door loses its signal; without re-entry, the guest coming back is refused offline.
  await doorContext.setOffline(true);
  await door.scan(guest, 'already_checked_in');
  await expect(door.page.getByRole('button', { name: 'Exit', exact: true })).toHaveCount(0);

  // Meanwhile the organiser allows re-entry.
  const organiser = new ConsolePage(await (await browser.newContext()).newPage());
  await organiser.open(server.url, `/console/events/${seeded.eventId}/setup`);
  await organiser.signIn();
  await organiser.allowReentry();

  // Still offline, the door decides by what it last heard: no re-entry yet.
  await door.dismissVerdict();
  await expect(door.page.getByRole('button', { name: 'Exit', exact: true })).toHaveCount(0);

  // The signal comes back (the door syncs at once), then goes again: the door now has Entry
  // and Exit, and its offline decisions follow the new rule (out, then in again, both admitted).
  await doorContext.setOffline(false);
  await expect(door.page.getByRole('button', { name: 'Exit', exact: true })).toBeVisible();
  await doorContext.setOffline(true);
  await door.chooseDirection('out');
  await door.scan(guest, 'accepted');
  await door.chooseDirection('in');
  await door.scan(guest, 'accepted');
  await expect(door.verdict).toContainText('Decided on this phone');

  // The organiser removes the door's entrance; at its next sync the door says so and asks
  // for another, and scans there once chosen.
  await organiser.removeEntrance('Main');
  await doorContext.setOffline(false);
  await expect(door.rulesNotice).toHaveText('Main was removed: choose another entrance');
  await expect(door.page.getByRole('heading', { name: 'Which entrance is this?' })).toBeVisible();
  await expect(door.page.getByRole('button', { name: 'Main', exact: true })).toHaveCount(0);
  await door.chooseEntrance('VIP');
  await expect(door.page.getByTestId('gate-name')).toContainText('VIP');
  await expect(door.rulesNotice).toBeHidden();
  await door.expectPending(0);
});
