import type { Response, Route } from '@playwright/test';
import { PROTOCOL_HEADER } from '../shared/protocol/headers.ts';
import { MIN_SUPPORTED_PROTOCOL_VERSION } from '../shared/protocol/protocol-version.ts';
import { auditRows, seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ScannerPage } from './pages/scanner-page.ts';

// "The server no longer accepts this version": the phone's requests leave it declaring a
// protocol version below the server's minimum (a context route rewrites the header, and
// context routes see the service worker's own requests too), so the real server refuses
// them with 426 unsupported_protocol. Removing the route is the server accepting again.
const tooOld = String(MIN_SUPPORTED_PROTOCOL_VERSION - 1);
const speakTooOld = (route: Route) => route.continue({ headers: { ...route.request().headers(), [PROTOCOL_HEADER]: tooOld } });
const refusedUpload = (r: Response) => r.url().endsWith('/api/v1/mobile/scans') && r.status() === 426;

test('a phone on an unsupported protocol shows update needed, keeps deciding scans and keeps its outbox until the server accepts it', async ({
  page,
  server,
  database,
}) => {
  const seeded = await seedEvent(database.database, { attendees: 20 });
  const door = new ScannerPage(page);
  await door.openSignedIn(server.url, seeded, 22);

  await page.context().route('**/api/v1/**', speakTooOld);
  const updateNeeded = page.getByTestId('update-needed');

  // The server refuses the check-in; the door still gets a verdict, decided on the phone.
  await door.scan(seeded.codes[0], 'accepted');
  await expect(updateNeeded).toBeVisible();
  await expect(updateNeeded).toContainText('Update needed');
  await door.scan(seeded.codes[0], 'already_checked_in');
  await door.scan(seeded.codes[1], 'accepted');
  await door.expectPending(3);

  // An upload the server refuses leaves every scan in the outbox.
  const refused = page.context().waitForEvent('response', { predicate: refusedUpload, timeout: 30_000 });
  await door.dismissVerdict();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await refused;
  await door.expectPending(3);
  await expect(updateNeeded).toBeVisible();
  expect(await auditRows(database.database, seeded.eventId)).toEqual([]);

  // The server accepts again: the outbox reaches it, each scan exactly once.
  await page.context().unroute('**/api/v1/**', speakTooOld);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await door.expectPending(0);
  await expect(updateNeeded).toBeHidden();
  const audit = await auditRows(database.database, seeded.eventId);
  expect(new Set(audit.map((r) => r.scanId)).size).toBe(audit.length);
  expect(audit.map((r) => `${r.ticketCode} ${r.verdict} offline=${r.offline}`).sort()).toEqual(
    [`${seeded.codes[0]} accepted offline=true`, `${seeded.codes[0]} already_checked_in offline=true`, `${seeded.codes[1]} accepted offline=true`].sort(),
  );
});
