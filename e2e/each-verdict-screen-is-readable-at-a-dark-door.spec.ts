import { mkdirSync } from 'node:fs';
import { contrastRatio } from '../client/scanner/verdict-look.ts';
import { seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ScannerPage } from './pages/scanner-page.ts';

const artifacts = new URL('./artifacts/', import.meta.url).pathname;

const rgbToHex = (rgb: string) =>
  '#' +
  (rgb.match(/\d+/g) ?? [])
    .slice(0, 3)
    .map((n) => Number(n).toString(16).padStart(2, '0'))
    .join('');

const feedbackTones = (door: ScannerPage) =>
  door.page.evaluate(() =>
    (globalThis as unknown as { __fastcheck: { feedback: Array<{ tone: string; muted: boolean }> } }).__fastcheck.feedback.map((f) => f.tone),
  );

/** A ticket code shown in place of a name: how many lines it spans (one: never broken at its hyphens). */
const codeLines = (door: ScannerPage) =>
  door.page.getByTestId('verdict-name').evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return el.classList.contains('verdict-code') ? new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size : 0;
  });

for (const width of [320, 390]) {
  test(`at ${width} px each verdict class has its own colour, symbol and sound, a large name, a plain reason and 7:1 contrast (screenshots kept)`, async ({
    page,
    server,
    database,
  }) => {
    mkdirSync(artifacts, { recursive: true });
    await page.setViewportSize({ width, height: width === 320 ? 568 : 844 });
    const seeded = await seedEvent(database.database, { attendees: 20, bound: false, reentryAllowed: true });
    const door = new ScannerPage(page);
    await door.open(server.url);
    await door.readyOffline();
    await door.signIn(seeded.eventId, seeded.doorCredential);
    await door.chooseEntrance('VIP');
    await door.waitForSynced(22);

    // [verdict shown, tone (class), symbol, code, direction]
    const cases: Array<[string, string, string, string, 'in' | 'out']> = [
      ['accepted', 'accepted', '✓', seeded.codes[9], 'in'],
      ['already_checked_in', 'already', '↺', seeded.codes[9], 'in'],
      ['accepted', 'exit', '➜', seeded.codes[9], 'out'],
      ['unknown_ticket', 'refused', '✕', 'NO-SUCH-TICKET', 'in'],
      ['wrong_entrance', 'refused', '✕', seeded.codes[1], 'in'],
      ['cancelled', 'refused', '✕', seeded.cancelledCode, 'in'],
    ];
    const looks = new Map<string, string>();
    for (const [verdict, tone, symbol, code, direction] of cases) {
      await door.dismissVerdict();
      await door.chooseDirection(direction);
      await door.scan(code, verdict);
      await expect(door.verdict).toHaveAttribute('data-tone', tone);
      await expect(page.getByTestId('verdict-symbol')).toHaveText(symbol);
      if (verdict === 'unknown_ticket') expect(await codeLines(door), 'the unknown code on one line').toBe(1);
      const bg = await checkReadable(`${tone}-${verdict}`);
      looks.set(tone, bg);
    }
    // Five classes on screen so far, four of them reachable here: each its own background.
    expect(new Set(looks.values()).size).toBe(looks.size);
    expect(await feedbackTones(door)).toEqual(['accepted', 'already', 'exit', 'refused', 'refused', 'refused']);

    // The sound is set on the device: quieter, then muted (kept across a reload); the
    // verdict still shows and vibrates.
    await door.dismissVerdict();
    await door.chooseDirection('in');
    await page.screenshot({ path: `${artifacts}scan-screen-${width}.png`, fullPage: true });
    await page.getByRole('slider', { name: 'Volume' }).fill('30');
    await door.scan(seeded.codes[19], 'accepted');
    expect(await lastFeedback()).toMatchObject({ tone: 'accepted', muted: false, volume: 0.3 });
    await door.dismissVerdict();
    await page.getByRole('checkbox', { name: 'Sound on' }).uncheck();
    // A tap leaves no focus on the box: a hardware scanner's keys would toggle it.
    await expect(page.getByRole('checkbox', { name: 'Sound on' })).not.toBeFocused();
    await expect.poll(() => door.storedMeta('setting:sound_muted')).toBe('true'); // written to the phone's storage
    await page.reload();
    await expect(page.getByRole('checkbox', { name: 'Sound on' })).not.toBeChecked();
    await expect(page.getByRole('slider', { name: 'Volume' })).toHaveValue('30');

    // Offline decisions look the same, with a note that they upload later.
    await server.stop();
    await door.scan(seeded.codes[19], 'already_checked_in');
    expect(await lastFeedback()).toMatchObject({ tone: 'already', muted: true });
    await checkReadable('already-offline');

    function lastFeedback() {
      return page.evaluate(() =>
        (globalThis as unknown as { __fastcheck: { feedback: Array<{ tone: string; muted: boolean; volume: number }> } }).__fastcheck.feedback.at(-1),
      );
    }

    async function checkReadable(name: string): Promise<string> {
      const v = door.verdict;
      const { bg, fg, nameSize, isCode } = await v.evaluate((el) => {
        const s = getComputedStyle(el);
        const nameEl = el.querySelector('[data-testid="verdict-name"]')!;
        return {
          bg: s.backgroundColor,
          fg: s.color,
          nameSize: parseFloat(getComputedStyle(nameEl).fontSize),
          isCode: nameEl.classList.contains('verdict-code'),
        };
      });
      expect(contrastRatio(rgbToHex(bg), rgbToHex(fg)), `${name} contrast`).toBeGreaterThanOrEqual(7);
      // A name keeps its full size; a long unknown code is shrunk to stay on one line.
      expect(nameSize, `${name} name size`).toBeGreaterThanOrEqual(isCode ? 24 : 32);
      // No word runs off the screen (a clipped headline at a dark door is no headline).
      const overflowing = await v.evaluate((el) => [...el.querySelectorAll('p')].filter((p) => p.scrollWidth > p.clientWidth + 1).map((p) => p.textContent));
      expect(overflowing, `${name} overflow`).toEqual([]);
      const box = await v.boundingBox();
      expect(box?.width).toBe(width);
      await page.screenshot({ path: `${artifacts}verdict-${width}-${name}.png` });
      return rgbToHex(bg);
    }
  });
}

test.describe('on a phone whose offline mode is not ready', () => {
  test.use({ serviceWorkers: 'block' });
  for (const width of [320, 390]) {
    test(`at ${width} px a scan that cannot be decided shows the purple "try again" (needs a person) screen, 7:1 (screenshot kept)`, async ({
      page,
      server,
      database,
    }) => {
      mkdirSync(artifacts, { recursive: true });
      await page.setViewportSize({ width, height: width === 320 ? 568 : 844 });
      const seeded = await seedEvent(database.database, { attendees: 5 });
      const door = new ScannerPage(page);
      await door.open(server.url);
      await door.signIn(seeded.eventId, seeded.doorCredential);
      await door.waitForSynced(7);
      await server.stop();
      await door.scan(seeded.codes[0], 'error');
      await expect(door.verdict).toHaveAttribute('data-tone', 'attention');
      await expect(page.getByTestId('verdict-symbol')).toHaveText('!');
      await expect(page.getByTestId('verdict-headline')).toHaveText('Try again');
      const { bg, fg } = await door.verdict.evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, fg: getComputedStyle(el).color }));
      expect(contrastRatio(rgbToHex(bg), rgbToHex(fg))).toBeGreaterThanOrEqual(7);
      const overflowing = await door.verdict.evaluate((el) => [...el.querySelectorAll('p')].filter((p) => p.scrollWidth > p.clientWidth + 1).length);
      expect(overflowing).toBe(0);
      expect(await feedbackTones(door)).toEqual(['attention']);
      expect(await codeLines(door), 'the code on one line').toBe(1);
      await page.screenshot({ path: `${artifacts}verdict-${width}-attention-error.png` });
    });
  }
});
