import { sql } from 'drizzle-orm';
import { startTickeraSim, type TickeraSim } from '../tickera-sim/server.ts';
import { expect, test } from './fixtures/test.ts';
import { ConsolePage } from './pages/console-page.ts';

test.use({ viewport: { width: 1280, height: 900 } });

let sim: TickeraSim;
test.beforeAll(async () => {
  // Starts 2026-07-10T16:00Z.
  sim = await startTickeraSim({ tickets: 50, eventName: 'Harbour Festival' });
});
test.afterAll(async () => sim.close());

test('an organiser connects Tickera, is shown the assumed end, and confirms a three-day end that keeps the syncs frequent', async ({
  page,
  server,
  database,
}) => {
  const console_ = new ConsolePage(page);
  await console_.open(server.url);
  await console_.signIn();
  await console_.createEvent({ name: 'Harbour', location: 'Pier 4', timezone: 'UTC', start: '2026-07-10T16:00', end: '2026-07-10T22:00' });
  await console_.connectTickera(sim.url, sim.apiKey);

  // Tickera gave the start, not the end: the assumed end (start + 6 h) is shown to confirm or change.
  const confirm = page.getByRole('form', { name: 'Confirm the end' });
  await expect(confirm).toContainText('Tickera does not say');
  const ends = confirm.getByLabel(/^Ends/);
  await expect(ends).toHaveValue(/^2026-07-1[01]T\d\d:00$/);
  await expect(page.getByTestId('end-assumed')).toContainText('End assumed — confirm');
  await console_.screenshot('tickera-end-assumed');
  const eventId = (await page.getByTestId('event-id').textContent())!.trim();
  const stored = async () =>
    (
      await database.database.query<{ end_confirmed: boolean; days: string }>(
        sql`select end_confirmed, extract(epoch from ends_at - starts_at) / 86400 as days from events where id = ${eventId}`,
      )
    )[0]!;
  expect(await stored()).toMatchObject({ end_confirmed: false });

  // A festival: three days from the start, on the site's clock (the assumed end is 6 h after it).
  const assumed = Date.parse(`${await ends.inputValue()}Z`);
  await ends.fill(new Date(assumed + 66 * 3_600_000).toISOString().slice(0, 16));
  await confirm.getByRole('button', { name: 'Confirm end' }).click();
  await expect(page.getByTestId('end-confirmed')).toContainText('(confirmed)');
  await expect(page.getByTestId('end-assumed')).toBeHidden();
  const after = await stored();
  expect(after.end_confirmed).toBe(true);
  expect(Number(after.days)).toBeCloseTo(3, 5);
});
