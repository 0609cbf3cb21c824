import { expect, test } from './fixtures/test.ts';
import { deviceNames } from './fixtures/console-api.ts';
import { auditRows, seedEvent } from './fixtures/seed.ts';
import { ScannerPage } from './pages/scanner-page.ts';

// The supervisor's credential is checked by the server (SignOut calls
// /api/v1/mobile/credential-check with it, which signs no phone in): offline, the confirmation is refused and the phone stays signed in. So the spec
// brings the server back before the supervisor confirms. Uploads of the outbox are held back
// meanwhile (the route below fails the service worker's POST /api/v1/mobile/scans, as a
// flaky network would), so the scans are still unsent when the supervisor signs out.
test('sign-out is refused while scans are unsynced, unless a supervisor confirms', async ({ page, server, database }) => {
  const seeded = await seedEvent(database.database, { attendees: 20 });
  const door = new ScannerPage(page);
  await door.openSignedIn(server.url, seeded, 22);
  await page.context().route('**/api/v1/mobile/scans', (route) => route.abort('internetdisconnected'));

  await server.stop();
  await door.scan(seeded.codes[0], 'accepted');
  await door.scan(seeded.codes[1], 'accepted');
  await door.scan(seeded.codes[2], 'accepted');
  await door.expectPending(3);

  await door.askToSignOut();
  await expect(page.getByTestId('sign-out-refused')).toHaveText('Sign-out refused: 3 scans have not reached the server yet. Signing out would lose them.');
  await expect(page.getByTestId('confirm-sign-out')).toBeHidden();

  // Offline the supervisor cannot be confirmed: the phone stays signed in with its scans.
  await door.supervisorSignsOut(seeded.supervisorCredential, 3);
  await expect(page.getByText(/^Supervisor not confirmed: /)).toBeVisible();
  await expect(page.getByTestId('sign-out-refused')).toBeVisible();

  await server.start();
  // The server answers again, but the outbox cannot upload: the scans stay unsent.
  await page.getByRole('button', { name: 'Back to scanning' }).click();
  const uploadFailed = page.context().waitForEvent('requestfailed', (r) => r.url().endsWith('/api/v1/mobile/scans'));
  await page.getByRole('button', { name: 'Sync now' }).click();
  await uploadFailed;
  await expect(door.online).toHaveText('Online');
  await door.expectPending(3);
  await door.askToSignOut();
  await expect(page.getByTestId('sign-out-refused')).toContainText('3 scans');
  // A door credential is not a supervisor's.
  await door.supervisorSignsOut(seeded.doorCredential, 3);
  await expect(page.getByText('That credential is not a supervisor credential')).toBeVisible();
  await expect(page.getByTestId('sign-out-refused')).toContainText('3 scans');

  await door.supervisorSignsOut(seeded.supervisorCredential, 3);
  await door.expectSignedOut();
  // The checks of both credentials left no "supervisor check" phone on the devices board.
  expect(await deviceNames(server.url, seeded.eventId)).toEqual(['Door phone']);
  // The scans were discarded on the phone, never uploaded.
  expect(await auditRows(database.database, seeded.eventId)).toEqual([]);
  // Nothing of the gate is left: a reload lands on sign-in again.
  await page.reload();
  await door.expectSignedOut();
});
