import { expect, test } from './fixtures/test.ts';
import { ConsolePage } from './pages/console-page.ts';

test.use({ viewport: { width: 1280, height: 860 } });

const csv = [
  'ticket_code,first_name,last_name,email,ticket_type,allowed_checkins,status',
  'T-0001,Ana,Garcia,ana@example.org,General,,',
  'T-0002,Bo,Jensen,bo@example.org,VIP,,',
  'T-0003,Chidi,Okafor,,General,2,',
].join('\n');

test('an admin signs in, creates an event with an entrance and a ticket type, imports a CSV and creates a scanner credential shown once', async ({
  page,
  server,
}) => {
  const console_ = new ConsolePage(page);
  await console_.openFromScanner(server.url);
  await console_.screenshot('sign-in');
  await console_.signIn();
  await console_.expectSignedIn();

  await console_.createEvent({
    name: 'Summer Night',
    location: 'The Docks',
    timezone: 'Europe/Amsterdam',
    start: '2026-07-10T20:00',
    end: '2026-07-11T04:00',
    reentry: true,
    exactCase: true,
  });
  // Shown in the event's zone; stored in UTC (20:00 in Amsterdam in July is 18:00Z).
  await expect(page.getByTestId('event-when')).toContainText('20:00');
  await expect(page.getByTestId('event-when')).toContainText('Europe/Amsterdam');
  const eventId = (await page.getByTestId('event-id').textContent())!;
  const stored = await (await page.request.get(`${server.url}/api/v1/events/${eventId}`)).json();
  expect(stored.data).toMatchObject({
    starts_at: '2026-07-10T18:00:00.000Z',
    ends_at: '2026-07-11T02:00:00.000Z',
    reentry_allowed: true,
    ticket_code_exact_case: true,
  });

  await console_.addTicketType('General', 1);
  await console_.addTicketType('Crew', 0);
  await expect(page.getByTestId('ticket-types')).toContainText('unlimited');
  await console_.addEntrance('Main gate', ['General']);
  await expect(page.getByTestId('entrances')).toContainText('Main gate General');
  await console_.screenshot('set-up');

  // A bad file: the server's row and column, and nothing imported.
  await console_.tab('Attendees');
  await console_.importCsv('bad.csv', 'ticket_code,email\nT-9,not-an-email\n');
  await expect(page.getByTestId('import-error')).toHaveText('Line 2, column email: must be an email address. Nothing was imported.');
  await console_.importCsv('guests.csv', csv);
  await expect(page.getByTestId('import-result')).toContainText('3 inserted, 0 updated, 0 unchanged, 1 new ticket types');
  await expect(page.getByTestId('attendees').getByRole('row')).toHaveCount(4);
  await page.getByLabel(/^Search by name/).fill('okafor');
  await expect(page.getByTestId('attendees').getByRole('row')).toHaveCount(2);
  await expect(page.getByTestId('attendees')).toContainText('Chidi Okafor');
  await console_.importCsv('guests.csv', csv);
  await expect(page.getByTestId('import-result')).toContainText('0 inserted, 0 updated, 3 unchanged');
  await console_.screenshot('attendees');

  await console_.tab('Scanners');
  const code = await console_.createCredential('Main door phone 1', 'Main gate');
  expect(code.length).toBeGreaterThanOrEqual(8);
  await expect(page.getByTestId('provisioning-qr')).toBeVisible();
  await expect(page.getByTestId('credentials')).toContainText('Main door phone 1');
  await expect(page.getByTestId('credentials')).toContainText('never');
  await console_.screenshot('credential-once');

  // The code really signs a phone in, and the list then shows it used.
  const login = await page.request.post(`${server.url}/api/v1/mobile/login`, { data: { event_id: eventId, credential: code } });
  expect(login.status()).toBe(200);

  // Shown once: after hiding it (or reloading), the code is nowhere on the page or in the list answer.
  await console_.once.getByRole('button', { name: 'Done, hide it' }).click();
  await expect(console_.once).toBeHidden();
  await page.reload();
  await expect(page.getByTestId('credentials')).toContainText('Main door phone 1');
  await expect(page.getByTestId('credentials')).not.toContainText('never');
  await expect(page.locator('body')).not.toContainText(code);
  const list = await (await page.request.get(`${server.url}/api/v1/events/${eventId}/credentials`)).text();
  expect(list).not.toContain(code);

  // A phone-sized look at the same screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await console_.screenshot('scanners-phone');
});

test('a wrong password shows the reason and stays on sign-in', async ({ page, server }) => {
  // Without a service worker, the server answers every console path with the console page.
  for (const path of ['/console', '/console/', '/console/events/anything/live']) {
    expect(await (await fetch(`${server.url}${path}`)).text(), path).toContain('<title>FastCheck console</title>');
  }
  const console_ = new ConsolePage(page);
  // With the scanner's service worker in control, /console/ still opens the console.
  await page.goto(server.url);
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 0 });
  await console_.open(server.url);
  await expect(page).toHaveTitle('FastCheck console');
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await console_.signIn('admin@example.org', 'not-the-password');
  const error = page.getByTestId('sign-in-error');
  await expect(error).toBeVisible();
  const answer = await (await page.request.post(`${server.url}/api/v1/auth/login`, { data: { email: 'admin@example.org', password: 'still-wrong' } })).json();
  await expect(error).toHaveText(answer.error.message);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveValue('');
  expect(new URL(page.url()).pathname).toBe('/console/');
  await console_.screenshot('wrong-password');

  // The right password then works, and a deep link survives a reload.
  await console_.signIn();
  await console_.expectSignedIn();
  await console_.open(server.url, '/console/users');
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await expect(page.getByTestId('users')).toContainText('admin@example.org');

  // Users: a too-short password is refused with the server's words; then create, reset, disable.
  const newUser = page.getByRole('form', { name: 'New user' });
  await newUser.getByLabel('Email').fill('org@example.org');
  await newUser.getByLabel('Name').fill('Olga Organiser');
  await newUser.getByLabel(/^Password/).fill('short');
  await newUser.getByLabel(/^Password/).evaluate((el) => el.removeAttribute('minlength'));
  await newUser.getByRole('button', { name: 'Create user' }).click();
  await expect(newUser.getByRole('alert')).toContainText('password: must be at least 10 characters');
  await newUser.getByLabel(/^Password/).fill('organiser-password-1');
  await newUser.getByRole('button', { name: 'Create user' }).click();
  const row = page.getByTestId('users').getByRole('row').filter({ hasText: 'org@example.org' });
  await expect(row).toContainText('organiser');
  await row.getByRole('button', { name: 'Reset password' }).click();
  await row.getByLabel('New password', { exact: true }).fill('organiser-password-2');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row).toContainText('Password changed');
  await row.getByRole('button', { name: 'OK' }).click();
  await row.getByRole('button', { name: 'Disable' }).click();
  await expect(row).toContainText('disabled');
  await console_.screenshot('users');
  const refused = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'org@example.org', password: 'organiser-password-2' }),
  });
  expect(refused.status).toBe(401);
});
