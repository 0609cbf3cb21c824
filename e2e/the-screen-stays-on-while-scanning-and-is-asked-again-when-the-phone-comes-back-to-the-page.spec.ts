import { seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ScannerPage } from './pages/scanner-page.ts';

// Headless Chromium may not grant a screen wake lock, so the page gets a stand-in that records
// what the app asks for, and a visibility the test switches (hiding drops the lock, as browsers do).
const recordWakeLock = () => {
  const calls: string[] = [];
  let visibility: DocumentVisibilityState = 'visible';
  Object.defineProperty(document, 'visibilityState', { get: () => visibility, configurable: true });
  Object.defineProperty(document, 'hidden', { get: () => visibility !== 'visible', configurable: true });
  const held: Array<EventTarget & { released: boolean }> = [];
  const drop = (s: EventTarget & { released: boolean }, why: string) => {
    if (s.released) return;
    s.released = true;
    calls.push(why);
    s.dispatchEvent(new Event('release'));
  };
  Object.defineProperty(navigator, 'wakeLock', {
    configurable: true,
    value: {
      request: async (type: string) => {
        calls.push(`request ${type}`);
        const s = Object.assign(new EventTarget(), { released: false, type, release: async () => drop(s, 'release') });
        held.push(s);
        return s;
      },
    },
  });
  const setVisibility = (v: DocumentVisibilityState) => {
    visibility = v;
    if (v === 'hidden') for (const s of held) drop(s, 'dropped by the browser');
    document.dispatchEvent(new Event('visibilitychange'));
  };
  Object.assign(globalThis, { __wake: { calls, setVisibility } });
};

type Wake = { __wake: { calls: string[]; setVisibility(v: string): void } };

test('the screen stays on while scanning, is asked again when the phone comes back to the page, and sleeps after sign-out', async ({
  page,
  server,
  database,
}) => {
  await page.addInitScript(recordWakeLock);
  const seeded = await seedEvent(database.database, { attendees: 20 });
  const door = new ScannerPage(page);
  const calls = () => page.evaluate(() => (globalThis as unknown as Wake).__wake.calls);

  await door.open(server.url);
  await door.readyOffline();
  expect(await calls()).toEqual([]); // no lock on the sign-in screen
  await door.signIn(seeded.eventId, seeded.doorCredential);
  await door.waitForSynced(22);
  await expect.poll(calls).toEqual(['request screen']);

  // The phone locks or switches app: the browser drops the lock; coming back asks again.
  await page.evaluate(() => (globalThis as unknown as Wake).__wake.setVisibility('hidden'));
  await expect.poll(calls).toEqual(['request screen', 'dropped by the browser']);
  await page.evaluate(() => (globalThis as unknown as Wake).__wake.setVisibility('visible'));
  await expect.poll(calls).toEqual(['request screen', 'dropped by the browser', 'request screen']);
  await door.scan(seeded.codes[0], 'accepted');
  await door.expectPending(0);

  await door.askToSignOut();
  await page.getByTestId('confirm-sign-out').click();
  await door.expectSignedOut();
  await expect.poll(calls).toEqual(['request screen', 'dropped by the browser', 'request screen', 'release']);
});
