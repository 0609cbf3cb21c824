import { mkdirSync } from 'node:fs';
import { seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ScannerPage } from './pages/scanner-page.ts';

const artifacts = new URL('./artifacts/', import.meta.url).pathname;

/** How many lines the status bar's text spans, and which of its parts are cut off (ellipsis or overflow). */
const layout = (door: ScannerPage) =>
  door.page.getByTestId('status-bar').evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    const cut = [...el.querySelectorAll<HTMLElement>('[data-testid]')].filter((p) => p.scrollWidth > p.clientWidth).map((p) => p.dataset.testid);
    return { lines, cut: el.scrollWidth > el.clientWidth ? ['status-bar', ...cut] : cut };
  });

// The browser here may or may not protect the phone's storage; the spec makes it refuse (as a
// crowded phone's browser does) and records the install dialog it is asked to show.
const storageRefusedAndInstallRecorded = () => {
  Object.defineProperty(navigator.storage, 'persisted', { value: async () => false });
  Object.defineProperty(navigator.storage, 'persist', { value: async () => false });
  (globalThis as unknown as { __installPrompts: number }).__installPrompts = 0;
};
const offerInstall = (door: ScannerPage) =>
  door.page.evaluate(() => {
    const e = new Event('beforeinstallprompt', { cancelable: true });
    Object.assign(e, {
      prompt: async () => {
        (globalThis as unknown as { __installPrompts: number }).__installPrompts++;
      },
      userChoice: Promise.resolve({ outcome: 'dismissed' }),
    });
    window.dispatchEvent(e);
  });

for (const width of [320, 390]) {
  test(`at ${width} px the status bar is one line and says what the door can do online, offline and with no attendees`, async ({ page, server, database }) => {
    mkdirSync(artifacts, { recursive: true });
    await page.setViewportSize({ width, height: width === 320 ? 568 : 844 });
    await page.addInitScript(storageRefusedAndInstallRecorded);
    const seeded = await seedEvent(database.database, { attendees: 20 });
    const door = new ScannerPage(page);
    const sw = page.getByTestId('sw-state');
    const bar = page.getByTestId('status-bar');

    // Installed but nothing to decide with yet: not "Ready offline".
    await door.open(server.url);
    await door.readyOffline();
    await expect(sw).toHaveText('Offline mode installed · no attendees yet');

    await door.signIn(seeded.eventId, seeded.doorCredential);
    await door.waitForSynced(22);
    await expect(sw).toHaveText('Ready offline');
    expect(await sw.evaluate((el) => el.getBoundingClientRect().right <= document.documentElement.clientWidth)).toBe(true);
    await expect(bar).toHaveText(/^Online · 22 attendees · synced \d\d:\d\d$/);
    expect(await layout(door)).toEqual({ lines: 1, cut: [] });

    // The storage risk is said once, with what fixes it; the install offer shows when the browser makes it.
    const hint = page.getByTestId('status-storage');
    await expect(hint).toContainText('add FastCheck to the home screen');
    await offerInstall(door);
    await page.screenshot({ path: `${artifacts}status-bar-${width}-online.png` });
    await page.getByRole('button', { name: 'Install app' }).click();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __installPrompts: number }).__installPrompts)).toBe(1);

    // Offline: one line that says the phone decides, and what waits to upload; no green "Ready offline" beside it.
    await page.context().setOffline(true);
    await door.scan(seeded.codes[0], 'accepted');
    await door.dismissVerdict();
    await expect(door.online).toHaveText('Offline');
    await expect(bar).toHaveText('Offline · deciding here · 1 to upload');
    await expect(sw).toBeHidden();
    expect(await layout(door)).toEqual({ lines: 1, cut: [] });
    await page.screenshot({ path: `${artifacts}status-bar-${width}-offline.png` });

    // "Not now" is remembered on the phone.
    await page.getByRole('button', { name: 'Not now' }).click();
    await expect(hint).toBeHidden();
    await page.context().setOffline(false);
    await door.expectPending(0);
    await expect(bar).toHaveText(/^Online · 22 attendees · synced \d\d:\d\d$/);
    await page.reload();
    await expect(bar).toHaveText(/^Online · 22 attendees · synced \d\d:\d\d$/);
    await expect(page.getByTestId('manual-code')).toBeVisible();
    await expect(hint).toBeHidden();
  });
}
