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

test('each verdict screen has its colour, a large name, a plain reason and 7:1 contrast (screenshots kept)', async ({ page, server, database }) => {
  mkdirSync(artifacts, { recursive: true });
  const seeded = await seedEvent(database.database, { attendees: 20, bound: false });
  const door = new ScannerPage(page);
  await door.open(server.url);
  await door.readyOffline();
  await door.signIn(seeded.eventId, seeded.doorCredential);
  await door.chooseEntrance('VIP');
  await door.waitForSynced(22);

  const cases: Array<[string, string, string]> = [
    ['accepted', seeded.codes[9], 'attention-free'],
    ['already_checked_in', seeded.codes[9], ''],
    ['unknown_ticket', 'NO-SUCH-TICKET', ''],
    ['wrong_entrance', seeded.codes[1], ''],
    ['cancelled', seeded.cancelledCode, ''],
  ];
  for (const [verdict, code] of cases) {
    await door.scan(code, verdict);
    await checkReadable(verdict);
  }
  // Offline decisions look the same, with a note that they upload later.
  await server.stop();
  await door.scan(seeded.codes[19], 'accepted');
  await checkReadable('accepted-offline');

  async function checkReadable(name: string) {
    const v = door.verdict;
    const { bg, fg, nameSize } = await v.evaluate((el) => {
      const s = getComputedStyle(el);
      const nameEl = el.querySelector('[data-testid="verdict-name"]')!;
      return { bg: s.backgroundColor, fg: s.color, nameSize: parseFloat(getComputedStyle(nameEl).fontSize) };
    });
    expect(contrastRatio(rgbToHex(bg), rgbToHex(fg)), `${name} contrast`).toBeGreaterThanOrEqual(7);
    expect(nameSize, `${name} name size`).toBeGreaterThanOrEqual(32);
    // No word runs off the screen (a clipped headline at a dark door is no headline).
    const overflowing = await v.evaluate((el) => [...el.querySelectorAll('p')].filter((p) => p.scrollWidth > p.clientWidth + 1).map((p) => p.textContent));
    expect(overflowing, `${name} overflow`).toEqual([]);
    const box = await v.boundingBox();
    expect(box?.width).toBe(412);
    await page.screenshot({ path: `${artifacts}verdict-${name}.png` });
  }
});
