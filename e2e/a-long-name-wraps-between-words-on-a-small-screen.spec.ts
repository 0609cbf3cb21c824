import { mkdirSync } from 'node:fs';
import type { Locator } from '@playwright/test';
import { seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ScannerPage } from './pages/scanner-page.ts';

const artifacts = new URL('./artifacts/', import.meta.url).pathname;
const longName = { code: 'LONG-NAME-1', firstName: 'Maximiliana Alexandrovna', lastName: 'Wolfeschlegelsteinhausen-Bergerdorff', vip: true };
const fullName = `${longName.firstName} ${longName.lastName}`;

/**
 * How a piece of text sits on screen: every word (a hyphenated compound may break after its
 * hyphen) with the number of lines it spans, the lines in all, and whether it overflows.
 */
async function layoutOf(text: Locator) {
  return text.evaluate((el) => {
    const words: Array<{ word: string; lines: number }> = [];
    const tops = new Set<number>();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of (node.textContent ?? '').matchAll(/[^\s-]+-?/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const lineTops = new Set(rects.map((r) => Math.round(r.top)));
        for (const t of lineTops) tops.add(t);
        words.push({ word: m[0], lines: lineTops.size });
      }
    }
    return { words, lines: tops.size, overflows: el.scrollWidth > el.clientWidth, fontPx: parseFloat(getComputedStyle(el).fontSize) };
  });
}

for (const [width, height] of [
  [320, 568],
  [390, 844],
] as const) {
  test(`at ${width} px a long name shrinks and wraps between words, never inside one, and the reason stays on screen`, async ({ page, server, database }) => {
    mkdirSync(artifacts, { recursive: true });
    await page.setViewportSize({ width, height });
    const seeded = await seedEvent(database.database, { attendees: 5, extra: [longName] });
    const door = new ScannerPage(page);
    await door.openSignedIn(server.url, seeded, 8);

    for (const verdict of ['accepted', 'already_checked_in'] as const) {
      await door.scan(longName.code, verdict);
      const name = page.getByTestId('verdict-name');
      await expect(name).toHaveText(fullName);
      for (const [what, locator] of [
        ['name', name],
        ['reason', page.getByTestId('verdict-reason')],
        ['headline', page.getByTestId('verdict-headline')],
      ] as const) {
        const layout = await layoutOf(locator);
        expect(layout.overflows, `${verdict} ${what} runs off the screen`).toBe(false);
        expect(
          layout.words.filter((w) => w.lines !== 1),
          `${verdict} ${what} split inside a word`,
        ).toEqual([]);
        if (what === 'name') {
          // Four words, at most one line each: the name is shrunk, not broken over 7 lines.
          expect(layout.lines, `${verdict} name lines`).toBeLessThanOrEqual(4);
          expect(layout.fontPx, `${verdict} name size`).toBeGreaterThanOrEqual(16);
        }
      }
      // Nothing in the verdict runs off the side of the screen.
      const box = await door.verdict.boundingBox();
      expect(box?.width).toBe(width);
      const wide = await door.verdict.evaluate(
        (el) => [...el.querySelectorAll('p')].filter((p) => p.getBoundingClientRect().right > window.innerWidth + 1).length,
      );
      expect(wide).toBe(0);
      await page.screenshot({ path: `${artifacts}long-name-${width}-${verdict}.png` });
    }
  });
}
