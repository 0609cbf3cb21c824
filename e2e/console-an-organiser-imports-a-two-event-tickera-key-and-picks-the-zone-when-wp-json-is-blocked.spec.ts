import { startTickeraSim, type TickeraSim } from '../tickera-sim/server.ts';
import { expect, test } from './fixtures/test.ts';
import { ConsolePage } from './pages/console-page.ts';

test.use({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Brussels', locale: 'en-GB' });

let multi: TickeraSim;
let blocked: TickeraSim;
test.beforeAll(async () => {
  multi = await startTickeraSim({
    pageLatencyMs: 20,
    events: [
      { name: 'Harbour Nights', tickets: 300 },
      { name: 'Dock Jazz', tickets: 200 },
    ],
  });
  // A security plugin blocks /wp-json/: the site's zone cannot be read.
  blocked = await startTickeraSim({ tickets: 40, eventName: 'Lab Fest', eventStart: new Date('2026-07-10T16:00:00Z'), wpJson: '403' });
});
test.afterAll(async () => {
  await multi.close();
  await blocked.close();
});

test('an organiser imports both events of a two-event Tickera key, each synced on its own', async ({ page, server }) => {
  const console_ = new ConsolePage(page);
  await console_.open(server.url);
  await console_.signIn();
  await console_.expectSignedIn();
  await page.getByRole('button', { name: 'Import from Tickera' }).click();

  const find = page.getByRole('form', { name: "Find a key's events" });
  await find.getByLabel('Site URL').fill(multi.url);
  await find.getByLabel('API key').fill(multi.apiKey);
  await find.getByRole('button', { name: 'Find events' }).click();

  const choose = page.getByTestId('tickera-events');
  await expect(choose).toContainText('This key covers 2 events (500 tickets sold)');
  await expect(choose).toContainText("Times are in the site's zone, Europe/Brussels.");
  await expect(choose).toContainText('Harbour Nights · 300 tickets');
  await expect(choose).toContainText('Dock Jazz · 200 tickets');
  await choose.getByLabel('Start of Harbour Nights').fill('2026-08-01T18:00');
  await choose.getByLabel('Start of Dock Jazz').fill('2026-08-02T20:30');
  await console_.screenshot('tickera-import-two-events');
  await choose.getByRole('button', { name: 'Import 2 events' }).click();

  const imported = page.getByTestId('imported-event');
  await expect(imported).toHaveCount(2);
  await expect(imported.filter({ hasText: 'Harbour Nights' })).toContainText('(new event): synced 300 tickets');
  await expect(imported.filter({ hasText: 'Dock Jazz' })).toContainText('(new event): synced 200 tickets');
  await console_.screenshot('tickera-import-done');

  // Each event holds only its own tickets.
  await imported.filter({ hasText: 'Dock Jazz' }).getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Dock Jazz', level: 1 })).toBeVisible();
  await console_.tab('Tickera');
  await expect(page.getByTestId('tickera-state')).toContainText('Takes the tickets of “Dock Jazz”, one event of a multi-event key.');
  await console_.tab('Attendees');
  const jazzCode = multi.tickets.find((t) => multi.eventOf(t) === 'Dock Jazz')!.code;
  const harbourCode = multi.tickets.find((t) => multi.eventOf(t) === 'Harbour Nights')!.code;
  await page.getByLabel(/^Search by name/).fill(jazzCode);
  await expect(page.getByTestId('attendees').locator('tbody tr')).toHaveCount(1);
  await page.getByLabel(/^Search by name/).fill(harbourCode);
  await expect(page.getByText('Nobody matches.')).toBeVisible();
});

test('with /wp-json/ blocked the organiser picks the site zone, seeing the start both ways', async ({ page, server }) => {
  const console_ = new ConsolePage(page);
  await console_.open(server.url);
  await console_.signIn();
  await console_.createEvent({ name: 'Lab', location: 'Hall', timezone: 'UTC', start: '2026-07-10T18:00', end: '2026-07-10T23:00' });
  await console_.tab('Tickera');
  await page.getByLabel('Site URL').fill(blocked.url);
  await page.getByLabel(/^API key/).fill(blocked.apiKey);
  await page.getByRole('button', { name: 'Connect' }).click();

  const choice = page.getByTestId('zone-choice');
  await expect(choice).toContainText("The site's time zone is unknown.");
  await expect(choice).toContainText("The site's /wp-json/ is blocked (HTTP 403, often a security plugin)");
  await expect(choice).toContainText('July 10, 2026 6:00 pm');
  const reading = page.getByTestId('zone-reading');
  // Read in the browser's own zone first: 18:00 in Brussels, 16:00 UTC.
  await expect(reading.getByRole('row', { name: /^Read in Europe\/Brussels/ })).toContainText('18:00');
  await expect(reading.getByRole('row', { name: /^In UTC/ })).toContainText('16:00');
  // The organiser knows the shop runs on New York time: 18:00 there is midnight here.
  await choice.getByLabel('Site time zone').selectOption('America/New_York');
  await expect(reading.getByRole('row', { name: /^Read in America\/New_York/ })).toContainText(/Fri,? 10 Jul 2026, 18:00/);
  await expect(reading.getByRole('row', { name: /^That is, in your time \(Europe\/Brussels\)/ })).toContainText(/Sat,? 11 Jul 2026, 00:00/);
  await expect(reading.getByRole('row', { name: /^In UTC/ })).toContainText('22:00');
  await console_.screenshot('tickera-zone-blocked');

  await page.getByRole('button', { name: 'Use America/New_York' }).click();
  await expect(page.getByTestId('zone-choice')).toBeHidden();
  await expect(page.getByRole('status')).toContainText('Lab Fest: 40 tickets sold. Starts');
  await expect(page.getByRole('status')).toContainText('18:00');
  await expect(page.getByTestId('tickera-state')).toContainText(`Connected to ${blocked.url}.`);
});
