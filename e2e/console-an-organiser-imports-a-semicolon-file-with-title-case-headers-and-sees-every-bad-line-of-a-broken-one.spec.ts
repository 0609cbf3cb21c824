import { expect, test } from './fixtures/test.ts';
import { ConsolePage } from './pages/console-page.ts';

test.use({ viewport: { width: 1280, height: 900 } });

const ORGANISER = { email: 'olga@example.org', password: 'organiser password 1' };

// As Excel saves a CSV in much of Europe: semicolons, Title Case headers, a name with a comma.
const europeanCsv = [
  'Ticket Code;First Name;Last Name;E-Mail;Ticket Type;Status',
  'EU-0001;Zoë;Müller, Jr.;zoe@example.org;VIP Pass;Valid',
  'EU-0002;Jean;Dupont;;vip pass;',
  'EU-0003;Ana;García;ana@example.org;Tagespass;cancelled',
].join('\r\n');

const brokenCsv = ['Ticket Code;E-Mail;Status', 'B-1;not-an-email;', 'B-2;;lost', 'B-3;ok@example.org;valid', 'B-1;;'].join('\n');

test('an organiser imports a semicolon file with Title Case headers and sees the count, then sees every bad line of a broken one', async ({ page, server }) => {
  const console_ = new ConsolePage(page);
  // The admin makes the organiser's account; the organiser does the rest.
  await console_.open(server.url);
  await console_.signIn();
  await console_.expectSignedIn();
  const made = await page.request.post(`${server.url}/api/v1/users`, {
    headers: { origin: server.url },
    data: { email: ORGANISER.email, name: 'Olga', password: ORGANISER.password, role: 'organiser' },
  });
  expect(made.status()).toBe(201);
  await page.context().clearCookies();
  await console_.open(server.url);
  await console_.signIn(ORGANISER.email, ORGANISER.password);
  await console_.expectSignedIn();
  await console_.createEvent({ name: 'Nacht der Museen', location: 'Berlin', timezone: 'Europe/Berlin', start: '2026-05-16T18:00', end: '2026-05-17T02:00' });
  await console_.tab('Attendees');

  await console_.importCsv('gaeste.csv', europeanCsv);
  await expect(page.getByTestId('import-result')).toContainText('3 inserted, 0 updated, 0 unchanged, 2 new ticket types');
  await expect(page.getByTestId('attendees').getByRole('row')).toHaveCount(4);
  await expect(page.getByTestId('attendees')).toContainText('Müller, Jr.');
  // "vip pass" went to the same type as "VIP Pass".
  await expect(page.getByTestId('attendees').getByRole('row').filter({ hasText: 'Dupont' })).toContainText('VIP Pass');
  await console_.screenshot('import-semicolon-result');

  await console_.importCsv('broken.csv', brokenCsv);
  const problems = page.getByTestId('import-problems');
  await expect(page.getByTestId('import-error')).toContainText('3 lines have problems; nothing was imported.');
  await expect(problems.getByRole('row')).toHaveCount(4);
  await expect(problems.getByRole('row').nth(1)).toContainText('2email');
  await expect(problems.getByRole('row').nth(2)).toContainText('"lost" is not a status: use one of valid, cancelled, revoked');
  await expect(problems.getByRole('row').nth(3)).toContainText('duplicate of the ticket code on line 2');
  await console_.screenshot('import-bad-lines');
  await expect(page.getByTestId('attendees').getByRole('row')).toHaveCount(4);
});
