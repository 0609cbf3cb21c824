import { readFileSync } from 'node:fs';
import type { Route } from '@playwright/test';
import { DeployProxy } from './fixtures/deploy-proxy.ts';
import { auditRows, seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ScannerPage } from './pages/scanner-page.ts';

// A "new version" is the built dist/sw.js plus a few bytes, served by a proxy in front of
// this spec's server (so dist/ on disk stays as built): the bytes answer "which version?" so
// the spec can tell which worker controls the page. The API is unreachable for the service
// worker (routes fail its check-ins and uploads; the app's files are still served), so
// scans are decided on the phone and the outbox holds them while the update applies.
// Read when the test runs (after the build), so listing the specs needs no dist/.
const newVersion = () => `${readFileSync(new URL('../dist/sw.js', import.meta.url), 'utf8')}
self.addEventListener('message', (e) => { if (e.data && e.data.type === 'e2e-version') e.ports[0].postMessage('v2'); });
`;
const noSignal = (route: Route) => route.abort('internetdisconnected');
const marked = () => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate;

test('a new version shows update ready and applies it between scans without losing the outbox', async ({ page, server, database }) => {
  const seeded = await seedEvent(database.database, { attendees: 20 });
  const proxy = await DeployProxy.start(server.url);
  try {
    const door = new ScannerPage(page);
    await door.openSignedIn(proxy.url, seeded, 22);

    await page.context().route('**/api/v1/check-in', noSignal);
    await page.context().route('**/api/v1/mobile/scans', noSignal);
    await door.scan(seeded.codes[0], 'accepted');
    await door.scan(seeded.codes[1], 'accepted');
    await door.expectPending(2);

    // The new version is deployed; the browser looks for it (as it does on navigation).
    // The page notes (in sessionStorage, which survives the reload) when "Update ready" shows.
    proxy.deploy(newVersion());
    await page.evaluate(() => {
      (window as unknown as { beforeUpdate: boolean }).beforeUpdate = true;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="update-ready"]') && !sessionStorage.getItem('updateReadyAt'))
          sessionStorage.setItem('updateReadyAt', String(Date.now()));
      }).observe(document.body, { subtree: true, childList: true });
    });
    // No deadline of its own (the test's timeout is the safety net): a busy machine is slow, not wrong.
    const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 0 });

    // A scan is under way when the update is found: the page does not reload for it.
    const scannedAt = Date.now();
    await door.typeCode(seeded.codes[2]);
    // It asks until the new version is installing or installed; the page may reload under
    // the poll once it is (the evaluate then fails, which counts as found).
    // biome-ignore lint/correctness/noPlaywrightMissingAwait: awaited after the verdict below, so the poll runs while the scan is under way
    const updateFound = expect
      .poll(() =>
        page
          .evaluate(async () => {
            const r = await navigator.serviceWorker.getRegistration();
            if (!r?.installing && !r?.waiting) await r?.update().catch(() => undefined);
            return !!(r?.installing || r?.waiting);
          })
          .catch(() => true),
      )
      .toBe(true);
    await door.expectVerdict('accepted');
    expect(await page.evaluate(marked)).toBe(true);
    await updateFound;

    // At the next quiet moment (no scan for 4 s, no verdict shown) it reloads under the new version.
    await reloaded;
    const reloadedAt = Date.now();
    expect(reloadedAt - scannedAt).toBeGreaterThanOrEqual(4000);
    const updateReadyAt = Number(await page.evaluate(() => sessionStorage.getItem('updateReadyAt')));
    expect(updateReadyAt).toBeGreaterThan(scannedAt);
    expect(updateReadyAt).toBeLessThan(reloadedAt);
    await door.readyOffline();
    expect(await page.evaluate(marked)).toBeUndefined();
    const version = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = (e) => resolve(e.data as string);
          navigator.serviceWorker.controller!.postMessage({ type: 'e2e-version' }, [channel.port2]);
        }),
    );
    expect(version).toBe('v2');
    await expect(page.getByTestId('update-ready')).toBeHidden();

    // Still signed in with the outbox intact; it uploads once the API answers again.
    await door.expectPending(3);
    await door.scan(seeded.codes[3], 'accepted');
    await door.expectPending(4);
    await page.context().unroute('**/api/v1/check-in', noSignal);
    await page.context().unroute('**/api/v1/mobile/scans', noSignal);
    await door.expectPending(0);
    const audit = await auditRows(database.database, seeded.eventId);
    expect(audit.map((r) => r.ticketCode).sort()).toEqual(seeded.codes.slice(0, 4).sort());
  } finally {
    await proxy.stop();
  }
});
