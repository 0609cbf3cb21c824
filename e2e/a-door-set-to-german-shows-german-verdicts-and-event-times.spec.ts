import { mkdirSync } from 'node:fs';
import { seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ScannerPage } from './pages/scanner-page.ts';

const artifacts = new URL('./artifacts/', import.meta.url).pathname;

// The phone is set to Los Angeles; the event (seeded) is in London: every time the door shows
// must be London's, eight hours from the phone's own clock.
const deviceZone = 'America/Los_Angeles';
const eventZone = 'Europe/London';
test.use({ timezoneId: deviceZone, locale: 'en-US' });

/** "19:42" in `zone` for every minute from `from` to `to` (the time shown lies in between). */
function clockTimes(zone: string, from: number, to: number): string[] {
  const f = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone });
  const out = new Set<string>();
  for (let t = from - 60_000; t <= to + 60_000; t += 30_000) out.add(f.format(new Date(t)));
  return [...out];
}

for (const width of [320, 390]) {
  test(`at ${width} px a door switched to German says Eingelassen, Bereits eingecheckt and Unbekanntes Ticket, with times in the event's zone (screenshots kept)`, async ({
    page,
    server,
    database,
  }) => {
    mkdirSync(artifacts, { recursive: true });
    await page.setViewportSize({ width, height: width === 320 ? 568 : 844 });
    const seeded = await seedEvent(database.database, { attendees: 20 });
    const door = new ScannerPage(page);
    const from = Date.now();
    await door.openSignedIn(server.url, seeded, 22);

    // English by default (the browser says en-US); the door staff choose German on the phone.
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByLabel('Language').selectOption('de');
    // Its label now says Sprache; a tap leaves no focus (a hardware scanner's keys must not change it).
    await expect(page.getByLabel('Sprache')).toHaveValue('de');
    await expect(page.getByLabel('Sprache')).not.toBeFocused();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByTestId('status-attendees')).toHaveText('22 Gäste');
    await expect(page.getByRole('button', { name: 'Jetzt abgleichen' })).toBeVisible();
    // Kept on the phone: still German after a reload.
    await page.reload();
    await expect(page.getByLabel('Sprache')).toHaveValue('de');

    // The status bar's time is the event's (London), not the phone's (Los Angeles).
    const synced = page.getByTestId('status-synced');
    await expect(synced).toHaveText(/^Stand \d\d:\d\d$/);
    const shown = (await synced.textContent())!.replace('Stand ', '');
    expect(clockTimes(eventZone, from, Date.now())).toContain(shown);
    expect(clockTimes(deviceZone, from, Date.now())).not.toContain(shown);
    await expect(page.getByTestId('status-bar')).toHaveText(/^Online · 22 Gäste · Stand \d\d:\d\d$/);
    // One line, nothing cut; no German word wider than the screen anywhere on the scan screen.
    const bar = await page.getByTestId('status-bar').evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return {
        lines: new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size,
        cut: el.scrollWidth > el.clientWidth,
      };
    });
    expect(bar).toEqual({ lines: 1, cut: false });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `${artifacts}scan-screen-de-${width}.png`, fullPage: true });

    const noOverflow = () =>
      door.verdict.evaluate((el) => [...el.querySelectorAll('p')].filter((p) => p.scrollWidth > p.clientWidth + 1).map((p) => p.textContent));
    const check = async (name: string, verdict: string, headline: string, reason: string | RegExp) => {
      await expect(door.verdict).toHaveAttribute('data-verdict', verdict);
      await expect(page.getByTestId('verdict-headline')).toHaveText(headline);
      await expect(page.getByTestId('verdict-reason')).toHaveText(reason);
      expect(await noOverflow(), 'nothing runs off the screen').toEqual([]);
      const box = await door.verdict.boundingBox();
      expect(box!.width).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `${artifacts}verdict-de-${width}-${name}.png` });
    };

    await door.typeCode(seeded.codes[3]);
    await check('admitted', 'accepted', 'Eingelassen', 'Willkommen, Guest3 Number3');
    await expect(door.verdict).toContainText('Tippen oder nächstes Ticket scannen');

    const before = Date.now();
    await door.typeCode(seeded.codes[3]);
    await check('already', 'already_checked_in', 'Bereits eingecheckt', /^Eingecheckt um \d\d:\d\d · Eingang Main( · .+)?$/);
    const at = (await page.getByTestId('verdict-reason').textContent())!.match(/um (\d\d:\d\d)/)![1];
    expect(clockTimes(eventZone, from, Date.now())).toContain(at);
    expect(clockTimes(deviceZone, before - 600_000, Date.now())).not.toContain(at);

    await door.typeCode('NO-SUCH-TICKET-4711');
    await check('unknown', 'unknown_ticket', 'Unbekanntes Ticket', 'Nicht auf der Gästeliste');

    // Back to English on the same phone: the door speaks English again at once.
    await door.dismissVerdict();
    await page.getByLabel('Sprache').selectOption('en');
    await expect(page.getByTestId('status-bar')).toHaveText(/^Online · 22 attendees · synced \d\d:\d\d$/);
  });
}

test.describe('on a phone whose browser is set to German', () => {
  test.use({ locale: 'de-AT' });
  test('the door starts in German before anyone chooses, and English can be chosen', async ({ page, server }) => {
    await page.goto(server.url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('heading', { name: 'An einem Einlass anmelden' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Einrichtungs-QR scannen' })).toBeVisible();
    await page.setViewportSize({ width: 320, height: 568 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no German word wider than 320 px').toBeLessThanOrEqual(320);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: `${artifacts}sign-in-de-320.png`, fullPage: true });
    await page.getByLabel('Sprache').selectOption('en');
    await expect(page.getByRole('heading', { name: 'Sign in to a gate' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sign in to a gate' })).toBeVisible();
  });
});
