import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ScannerPage } from './pages/scanner-page.ts';

/** axe on what is on screen now: the serious and critical violations, by rule, with the elements they hit. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary?.split('\n').slice(1, 2).join('').trim()})`).join('; ')}`,
    );
}

test('every scanner screen, from sign-in to sign-out, has no serious or critical axe violations', async ({ page, server, database }) => {
  const seeded = await seedEvent(database.database, { attendees: 20, bound: false, reentryAllowed: true });
  const door = new ScannerPage(page);
  const found: Record<string, string[]> = {};
  const check = async (screen: string) => {
    found[screen] = await seriousViolations(page);
  };

  await door.open(server.url);
  await door.readyOffline();
  await expect(page.getByRole('heading', { name: 'Sign in to a gate' })).toBeVisible();
  await check('sign-in');

  // The first download is held until axe has looked at its progress screen.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  await page.route('**/api/v1/mobile/attendees**', async (route) => {
    await held;
    await route.continue();
  });
  await door.signIn(seeded.eventId, seeded.doorCredential);
  await expect(page.getByRole('heading', { name: 'Which entrance is this?' })).toBeVisible();
  await check('choose entrance');
  await door.chooseEntrance('VIP');
  await expect(page.getByRole('heading', { name: 'Downloading the guest list' })).toBeVisible();
  await check('first sync');
  release();
  await door.waitForSynced(22);
  await page.unroute('**/api/v1/mobile/attendees**');
  await check('scan screen');

  const verdicts: Array<[string, string, 'in' | 'out']> = [
    ['accepted', seeded.codes[9], 'in'],
    ['already_checked_in', seeded.codes[9], 'in'],
    ['accepted', seeded.codes[9], 'out'],
    ['unknown_ticket', 'NO-SUCH-TICKET', 'in'],
    ['wrong_entrance', seeded.codes[1], 'in'],
    ['cancelled', seeded.cancelledCode, 'in'],
  ];
  for (const [verdict, code, direction] of verdicts) {
    await door.dismissVerdict();
    await door.chooseDirection(direction);
    await door.scan(code, verdict);
    await check(`verdict ${verdict} ${direction}`);
  }
  await door.dismissVerdict();
  await door.chooseDirection('in');

  await page.getByLabel('Ticket code, name or email').fill('ana gar');
  await expect(page.getByTestId('search-results')).toBeVisible();
  await check('search results');
  await page.getByLabel('Ticket code, name or email').fill('');

  await door.openAttention();
  await check('needs attention');
  await page.getByRole('button', { name: 'Back to scanning' }).click();

  await door.askToSignOut();
  await check('sign-out');
  await page.getByRole('button', { name: 'Back to scanning' }).click();

  // Kiosk mode: its set-up, the stand itself, and the supervisor's PIN screen.
  await page.getByRole('button', { name: 'Kiosk mode', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Kiosk mode' })).toBeVisible();
  await check('kiosk set-up');
  await page.getByLabel('Supervisor credential').fill(seeded.supervisorCredential);
  await page.getByLabel('Choose a PIN (4 to 8 digits)').fill('2468');
  await page.getByRole('button', { name: 'Turn on kiosk mode' }).click();
  const supervisor = page.getByRole('button', { name: 'Supervisor', exact: true });
  await expect(supervisor).toBeVisible();
  await check('kiosk stand');
  await supervisor.click();
  await check('kiosk PIN');
  await page.getByLabel('Kiosk PIN').fill('2468');
  await page.getByRole('button', { name: 'Leave kiosk mode' }).click();
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();

  // With a scan waiting, sign-out is refused and the supervisor's discard button shows.
  await server.stop();
  await door.scan(seeded.codes[19], 'accepted');
  await check('verdict decided offline');
  await door.expectPending(1);
  await door.askToSignOut();
  await expect(page.getByTestId('sign-out-refused')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Supervisor: sign out and discard 1' })).toBeVisible();
  await check('sign-out refused, supervisor discard');

  expect(Object.keys(found)).toHaveLength(18);
  expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
});
