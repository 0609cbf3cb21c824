import { phone } from './fixtures/phone-api.ts';
import { seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ConsolePage } from './pages/console-page.ts';
import { ScannerPage } from './pages/scanner-page.ts';

test.use({ viewport: { width: 1280, height: 1000 }, colorScheme: 'dark' });

test('an organiser watches the live page while a door in another browser scans: tiles, entrances, chart, forecast and feed move', async ({
  page,
  browser,
  server,
  database,
}, testInfo) => {
  const seeded = await seedEvent(database.database, { attendees: 60 });
  const console_ = new ConsolePage(page);
  await console_.open(server.url, `/console/events/${seeded.eventId}/live`);
  await console_.signIn();
  await expect(page.getByTestId('stream-state')).toHaveText('● live');

  const admitted = page.getByTestId('stat-admitted');
  const inside = page.getByTestId('stat-inside');
  const gate = (name: string) => page.getByTestId('stats-by-entrance').locator(`tr[data-entrance="${name}"]`);
  const insideAt = (name: string) => gate(name).locator('td').nth(2);
  const forecast = page.getByTestId('forecast-headline');
  const caption = page.getByTestId('scan-chart-caption');
  const feed = page.getByTestId('recent-attempts').locator('tbody tr');

  // Nothing yet: every entrance is listed, and nothing is guessed.
  await expect(admitted).toHaveText('0');
  await expect(gate('Main')).toBeVisible();
  await expect(insideAt('VIP')).toHaveText('0');
  await expect(forecast).toHaveText('Not enough scans yet to forecast.');
  await expect(caption).toHaveText('No scans yet.');
  await expect(page.getByTestId('scan-chart').locator('canvas')).toBeVisible();
  await expect(page.getByText('No scans yet.', { exact: true }).last()).toBeVisible();

  // The first wave: another door admitted 24 people offline over the last eight minutes.
  const other = await phone(server.url, seeded.eventId, seeded.supervisorCredential, 'Door B');
  const now = Date.now();
  const wave = Array.from({ length: 24 }, (_, i) => ({
    code: seeded.codes[10 + i],
    entranceId: seeded.mainEntranceId,
    scannedAt: new Date(now - 8 * 60_000 + i * 20_000),
  }));
  expect(await other.upload(wave)).toEqual(wave.map(() => 'accepted'));
  await expect(admitted).toHaveText('24');
  await expect(insideAt('Main')).toHaveText('24');
  await expect(caption).toContainText('24 scans on the chart');
  await expect(forecast).toContainText('At this rate 90 % are in by');
  await expect(feed).toHaveCount(20);
  const detail = page.getByTestId('arrival-forecast').locator('p.small');
  await expect(detail).toContainText('31 more to come for 90 %');

  // A door in its own browser scans a ticket at the Main gate: everything follows.
  const doorContext = await browser.newContext({ viewport: { width: 420, height: 860 } });
  const door = new ScannerPage(await doorContext.newPage());
  await door.openSignedIn(server.url, seeded, 62);
  await door.scan(seeded.codes[0], 'accepted');
  const scanned = Date.now();
  await expect(admitted).toHaveText('25');
  testInfo.annotations.push({ type: 'scan to tiles (ms, includes polling)', description: String(Date.now() - scanned) });
  await expect(inside).toHaveText('25');
  await expect(insideAt('Main')).toHaveText('25');
  await expect(gate('Main').locator('meter')).toHaveAttribute('value', '25');
  await expect(caption).toContainText('25 scans on the chart');
  await expect(detail).toContainText('30 more to come for 90 %');
  await expect(feed.first()).toContainText(seeded.codes[0]);
  await expect(feed.first()).toContainText('accepted');
  await expect(feed.first()).toContainText('Door phone');
  await expect(feed.first()).toContainText('Main');

  // A second scan of the same ticket is refused: the feed says so, the numbers stay.
  await door.scan(seeded.codes[0], 'already_checked_in');
  await expect(feed.first()).toContainText('already checked in');
  await expect(caption).toContainText('26 scans on the chart');
  await expect(admitted).toHaveText('25');
  await console_.screenshot('live-page');
  await doorContext.close();
});
