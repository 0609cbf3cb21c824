import { mkdirSync } from 'node:fs';
import { chromiumArgs } from '../playwright.config.ts';
import { expect, test } from './fixtures/test.ts';

const artifacts = new URL('./artifacts/', import.meta.url).pathname;

// A name that is not localhost, over plain http: not a secure context, as a phone reaching the
// server by its LAN address without HTTPS. No service worker, no camera.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...chromiumArgs, '--host-resolver-rules=MAP door.fastcheck.test 127.0.0.1'],
  },
});

test('a page opened without HTTPS says it is online only and why, and so does the camera', async ({ page, server }) => {
  mkdirSync(artifacts, { recursive: true });
  await page.setViewportSize({ width: 320, height: 568 });
  await page.goto(server.url.replace('127.0.0.1', 'door.fastcheck.test'));
  await expect(page.getByRole('heading', { name: 'FastCheck' })).toBeVisible();
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false);

  await expect(page.getByTestId('sw-state')).toHaveText('Online only');
  await expect(page.getByTestId('sw-why')).toHaveText(/was not opened over HTTPS, so the phone cannot keep the app or decide scans without signal/);

  await page.getByRole('button', { name: 'Scan setup QR' }).click();
  await expect(page.getByTestId('camera-problem')).toHaveText(/browsers allow the camera only on secure \(https:\/\/\) pages/);
  await page.screenshot({ path: `${artifacts}online-only-320.png`, fullPage: true });
});
