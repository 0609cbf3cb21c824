import { phone as httpPhone } from './fixtures/phone-api.ts';
import { seedEvent, seedSupervisor } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ConflictsInbox } from './pages/conflicts-inbox.ts';
import { ConsolePage } from './pages/console-page.ts';

test.use({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });

test('two doors admit one ticket offline; a supervisor sees both scans side by side, voids one with a reason, resolves with a note, and the audit names who voided', async ({
  page,
  server,
  database,
}) => {
  const seeded = await seedEvent(database.database, { attendees: 20 });
  const supervisor = await seedSupervisor(database.database, seeded.eventId, 'Sam Supervisor');
  const north = await httpPhone(server.url, seeded.eventId, seeded.doorCredential, 'North door');
  const south = await httpPhone(server.url, seeded.eventId, seeded.doorCredential, 'South door');
  const ticket = seeded.codes[3];
  const now = Date.now();
  // Both doors were offline. South scanned a minute later but uploaded first.
  expect(await south.uploadOffline(ticket, seeded.mainEntranceId, { scannedAt: new Date(now - 60_000) })).toBe('accepted');
  expect(await north.uploadOffline(ticket, seeded.mainEntranceId, { scannedAt: new Date(now - 120_000) })).toBe('conflict');
  // North also refused a ticket it had not synced yet; the server holds it valid.
  expect(await north.uploadOffline(seeded.codes[4], seeded.mainEntranceId, { scannedAt: new Date(now - 30_000), localVerdict: 'unknown_ticket' })).toBe(
    'unknown_ticket',
  );

  const console_ = new ConsolePage(page);
  await console_.open(server.url, `/console/events/${seeded.eventId}/conflicts`);
  await console_.signIn(supervisor.email, supervisor.password);
  const inbox = new ConflictsInbox(page);
  await expect(inbox.cases).toHaveCount(2);
  await expect(inbox.caseOf(seeded.codes[4])).toContainText('Refused offline; valid on the server');

  // Both scans side by side, the one that entered first first (North, although it uploaded second).
  const conflict = inbox.caseOf(ticket);
  await expect(conflict).toContainText('Admitted twice');
  const scans = inbox.scansOf(conflict);
  await expect(scans).toHaveCount(2);
  await expect(scans.nth(0)).toContainText('Entered first');
  await expect(scans.nth(0)).toContainText('North door');
  await expect(scans.nth(0)).toContainText('conflict');
  await expect(scans.nth(1)).toContainText('Entered second');
  await expect(scans.nth(1)).toContainText('South door');
  await expect(scans.nth(0)).toContainText('Main');

  // The supervisor (not an organiser) voids the second admission and resolves the case.
  await inbox.voidScan(conflict, 1, 'Same wristband passed back through the fence');
  await expect(scans.nth(1).getByTestId('voided-by')).toContainText('Sam Supervisor');
  await expect(scans.nth(1).getByTestId('voided-by')).toContainText('Same wristband passed back through the fence');
  await conflict.getByLabel('Note').fill('Spoke to both door staff');
  await conflict.getByRole('button', { name: 'Add note' }).click();
  await expect(conflict.getByTestId('case-reviews')).toContainText('Spoke to both door staff');
  await console_.screenshot('conflicts-inbox');

  await inbox.resolve(conflict, 'One guest; second scan voided');
  await expect(inbox.cases).toHaveCount(1);
  await expect(inbox.caseOf(ticket)).toHaveCount(0);
  await inbox.show('Resolved');
  await expect(inbox.cases).toHaveCount(1);
  const resolved = inbox.caseOf(ticket);
  await expect(resolved.getByTestId('case-state')).toHaveText('resolved');
  await expect(resolved.getByTestId('case-reviews')).toContainText('Resolved by Sam Supervisor');
  await expect(resolved.getByTestId('case-reviews')).toContainText('One guest; second scan voided');
  await console_.screenshot('conflicts-inbox-resolved');

  // The audit log shows who voided, on the void row and on the scan it voided.
  await console_.tab('Audit log');
  const rows = page.getByTestId('audit-rows').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  const voidRow = rows.filter({ has: page.locator('.verdict-badge.void') });
  await expect(voidRow).toContainText('Sam Supervisor');
  await expect(voidRow).toContainText('Same wristband passed back through the fence');
  await expect(rows.filter({ hasText: 'Voided by' })).toContainText('Sam Supervisor');
  await console_.screenshot('audit-who-voided');
});
