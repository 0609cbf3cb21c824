import { httpPhone as phone } from './fixtures/http-phone.ts';
import { seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ConsolePage } from './pages/console-page.ts';

test.use({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });

test('live numbers follow check-ins without a reload, and the audit log flags an offline conflict', async ({ page, server, database }) => {
  const seeded = await seedEvent(database.database, { attendees: 20 });
  const console_ = new ConsolePage(page);
  // A deep link survives sign-in.
  await console_.open(server.url, `/console/events/${seeded.eventId}/live`);
  await console_.signIn();
  await expect(page.getByTestId('stream-state')).toHaveText('● live');
  await expect(page.getByTestId('stat-admitted')).toHaveText('0');

  const door = await phone(server.url, seeded.eventId, seeded.doorCredential, 'Main door A');
  expect(await door.scan(seeded.codes[0])).toBe('accepted');
  expect(await door.scan('NOT-A-TICKET')).toBe('unknown_ticket');
  await expect(page.getByTestId('stat-admitted')).toHaveText('1');
  await expect(page.getByTestId('stat-inside')).toHaveText('1');
  await expect(page.getByTestId('stats-by-entrance')).toContainText('Main');

  // Another door admitted the same ticket while offline: a conflict to review.
  const supervisor = await phone(server.url, seeded.eventId, seeded.supervisorCredential, 'Supervisor B');
  expect(await supervisor.uploadOffline(seeded.codes[0], seeded.mainEntranceId)).toBe('conflict');
  await expect(page.getByTestId('stat-conflicts')).toHaveText('1');
  await expect(page.getByTestId('stat-admitted')).toHaveText('1');
  await console_.screenshot('live');

  await console_.tab('Audit log');
  const rows = page.getByTestId('audit-rows').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(page.locator('tr.conflict')).toHaveCount(1);
  await expect(page.locator('tr.conflict')).toContainText('Review: admitted offline over the allowance');
  await console_.screenshot('audit');

  await page.getByLabel('Conflicts only').check();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(rows).toHaveCount(1);
  const csvHref = await page.getByTestId('audit-csv').getAttribute('href');
  expect(csvHref).toContain('conflicts_only=true');
  const csv = await (await page.request.get(`${server.url}${csvHref}`)).text();
  expect(csv).toContain(seeded.codes[0]);
  expect(csv.trim().split('\n')).toHaveLength(2);
});
