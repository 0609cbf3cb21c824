import { startTickeraSim, type TickeraSim } from '../tickera-sim/server.ts';
import { expect, test } from './fixtures/test.ts';
import { ConsolePage } from './pages/console-page.ts';

test.use({ viewport: { width: 1280, height: 860 } });

let sim: TickeraSim;
test.beforeAll(async () => {
  sim = await startTickeraSim({ tickets: 3000, pageLatencyMs: 40, eventName: 'Harbour Festival' });
});
test.afterAll(async () => sim.close());

test('an organiser connects a Tickera site, syncs with a progress bar, and finds the attendees', async ({ page, server }) => {
  const console_ = new ConsolePage(page);
  await console_.open(server.url);
  await console_.signIn();
  await console_.createEvent({ name: 'Harbour', location: 'Pier 4', timezone: 'UTC', start: '2026-08-01T18:00', end: '2026-08-02T02:00' });
  await console_.tab('Tickera');

  // A wrong key: Tickera's refusal, explained, and nothing stored.
  await page.getByLabel('Site URL').fill(sim.url);
  await page.getByLabel(/^API key/).fill('WRONGKEY');
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByTestId('tickera-state')).toHaveText('Not connected.');

  await page.getByLabel(/^API key/).fill(sim.apiKey);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('status')).toContainText('Harbour Festival: 3000 tickets sold');
  await expect(page.getByTestId('tickera-state')).toContainText(`Connected to ${sim.url}.`);

  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByLabel('Sync progress')).toBeVisible();
  await expect(page.getByTestId('sync-run')).toContainText('Done: 3,000 tickets, 3000 new');
  await console_.screenshot('tickera');

  await console_.tab('Attendees');
  await page.getByLabel(/^Search by name/).fill(sim.tickets[0]!.code);
  await expect(page.getByTestId('attendees').locator('tbody tr')).toHaveCount(1);
});

test('a sync that would revoke most tickets changes nothing until the organiser confirms it', async ({ page, server }) => {
  const console_ = new ConsolePage(page);
  await console_.open(server.url);
  await console_.signIn();
  await console_.createEvent({ name: 'Harbour II', location: 'Pier 5', timezone: 'UTC', start: '2026-08-03T18:00', end: '2026-08-04T02:00' });
  await console_.tab('Tickera');
  await page.getByLabel('Site URL').fill(sim.url);
  await page.getByLabel(/^API key/).fill(sim.apiKey);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('tickera-state')).toContainText(`Connected to ${sim.url}.`);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-run')).toContainText('Done:');

  // The site now answers with a tenth of its tickets (a rescoped key, say).
  const total = sim.tickets.length;
  for (const t of sim.tickets.slice(Math.floor(total / 10))) sim.remove(t.code);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-run')).toContainText('would be revoked: nothing was changed');
  await expect(page.getByTestId('sync-run')).toContainText('The previous attendee list is unchanged.');
  await console_.screenshot('tickera-mass-revocation');

  await page.getByRole('button', { name: 'Sync and revoke the missing tickets' }).click();
  await expect(page.getByTestId('sync-run')).toContainText(`${total - Math.floor(total / 10)} revoked`);
});
