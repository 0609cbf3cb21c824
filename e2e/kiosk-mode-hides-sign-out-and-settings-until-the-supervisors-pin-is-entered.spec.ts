import { deviceNames } from './fixtures/console-api.ts';
import { seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ScannerPage } from './pages/scanner-page.ts';

test("kiosk mode hides sign-out and settings until the supervisor's PIN is entered", async ({ page, server, database }) => {
  const seeded = await seedEvent(database.database, { attendees: 20 });
  const door = new ScannerPage(page);
  await door.openSignedIn(server.url, seeded, 22);
  const signOut = page.getByRole('button', { name: 'Sign out', exact: true });
  const settings = page.getByTestId('sound-setting');
  const supervisor = page.getByRole('button', { name: 'Supervisor', exact: true });
  const fullscreen = () => page.evaluate(() => document.fullscreenElement !== null);

  // Turning it on takes a supervisor: a door credential is refused.
  await page.getByRole('button', { name: 'Kiosk mode', exact: true }).click();
  await page.getByLabel('Supervisor credential').fill(seeded.doorCredential);
  await page.getByLabel('Choose a PIN (4 to 8 digits)').fill('2468');
  await page.getByRole('button', { name: 'Turn on kiosk mode' }).click();
  await expect(page.getByRole('alert')).toHaveText('Kiosk mode not turned on: that credential is not a supervisor credential');
  await page.getByLabel('Supervisor credential').fill(seeded.supervisorCredential);
  await page.getByRole('button', { name: 'Turn on kiosk mode' }).click();

  // The stand: fullscreen, scanning as before, no sign-out, no settings.
  await expect(supervisor).toBeVisible();
  await expect(signOut).toBeHidden();
  await expect(settings).toBeHidden();
  await expect(page.getByTestId('open-attention')).toBeHidden();
  await expect.poll(fullscreen).toBe(true);
  // Checking the two credentials signed no other phone in: the devices board has this door only.
  expect(await deviceNames(server.url, seeded.eventId)).toEqual(['Door phone']);
  await door.scan(seeded.codes[0], 'accepted');
  await door.dismissVerdict();

  // A reload keeps the stand locked.
  await page.reload();
  await expect(page.getByTestId('manual-code')).toBeVisible();
  await expect(supervisor).toBeVisible();
  await expect(signOut).toBeHidden();

  // A wrong PIN leaves it locked.
  await supervisor.click();
  await page.getByLabel('Kiosk PIN').fill('1111');
  await page.getByRole('button', { name: 'Leave kiosk mode' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong PIN');
  await page.getByRole('button', { name: 'Back to scanning' }).click();
  await expect(supervisor).toBeVisible();
  await expect(signOut).toBeHidden();

  // The supervisor's PIN gives the door back its sign-out and settings.
  await supervisor.click();
  await page.getByLabel('Kiosk PIN').fill('2468');
  await page.getByRole('button', { name: 'Leave kiosk mode' }).click();
  await expect(signOut).toBeVisible();
  await expect(settings).toBeVisible();
  await expect(page.getByTestId('open-attention')).toBeVisible();
  await expect(supervisor).toBeHidden();
  await expect.poll(fullscreen).toBe(false);
});
