// A door's token runs out while it is scanning (the server caps sessions at a few seconds
// here, PHONE_SESSION_MAX_SECONDS): every scan still gets a verdict, decided on the phone
// once the server refuses the token; the door says "Sign in again", signs in again with a
// credential of the same event, no supervisor, and then uploads its outbox, each scan once.
import { expect, test } from './fixtures/test.ts';
import { auditRows, seedEvent } from './fixtures/seed.ts';
import { ScannerPage } from './pages/scanner-page.ts';

test.use({ serverEnv: { PHONE_SESSION_MAX_SECONDS: '30' } });

test('a door whose session expires mid-shift keeps every scan and uploads them after signing in again', async ({ page, server, database }) => {
  const seeded = await seedEvent(database.database, { attendees: 300 });
  const door = new ScannerPage(page);
  await door.openSignedIn(server.url, seeded, 302);
  const signInAgain = page.getByTestId('sign-in-again');

  // Scanning goes on through the token's expiry: each scan a new ticket, each admitted,
  // online before the expiry and on the phone from the first refused token on.
  const scanned: string[] = [];
  await door.scan(seeded.codes[0], 'accepted');
  scanned.push(seeded.codes[0]);
  await expect(page.getByText('Decided on this phone')).toHaveCount(0);
  for (let i = 1; !(await signInAgain.isVisible()); i++) {
    expect(i, 'the session should have ended within 300 scans').toBeLessThan(seeded.codes.length);
    await door.scan(seeded.codes[i], 'accepted');
    scanned.push(seeded.codes[i]);
  }
  await expect(signInAgain).toContainText('Sign in again');

  // Still deciding: a new ticket is admitted, a ticket admitted online is refused.
  const next = seeded.codes[scanned.length];
  await door.scan(next, 'accepted');
  scanned.push(next);
  await expect(page.getByText('Decided on this phone: will upload after signing in again')).toBeVisible();
  await door.scan(seeded.codes[0], 'already_checked_in');
  scanned.push(seeded.codes[0]);
  await expect(door.pending).toBeVisible();

  // Signing in again: another credential of the event, no supervisor confirmation, nothing lost.
  await door.dismissVerdict();
  await signInAgain.getByRole('button', { name: 'Sign in again' }).click();
  await expect(page.getByRole('heading', { name: `Sign in again to ${seeded.eventName}` })).toBeVisible();
  await expect(page.getByTestId('device-name')).toHaveValue('Door phone');
  await page.getByTestId('credential').fill(seeded.supervisorCredential);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('manual-code')).toBeVisible();
  await expect(signInAgain).toBeHidden();
  await expect(page.getByTestId('status-attendees')).toHaveText('302 attendees');
  await door.expectPending(0);

  // The audit log holds every scan exactly once, with the door's verdicts.
  const audit = await auditRows(database.database, seeded.eventId);
  expect(new Set(audit.map((r) => r.scanId)).size).toBe(audit.length);
  expect(audit.map((r) => `${r.ticketCode} ${r.verdict}`).sort()).toEqual(
    scanned.map((code, i) => `${code} ${i === scanned.length - 1 ? 'already_checked_in' : 'accepted'}`).sort(),
  );
  const offline = audit.filter((r) => r.offline).map((r) => `${r.ticketCode} ${r.verdict}`);
  expect(offline).toEqual(expect.arrayContaining([`${next} accepted`, `${seeded.codes[0]} already_checked_in`]));
  expect(audit.filter((r) => !r.offline).map((r) => r.ticketCode)).toContain(seeded.codes[0]);
});
