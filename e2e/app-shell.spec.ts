import { expect, test } from './fixtures/test.ts';

test('the app opens again from the cache after the server is stopped', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'FastCheck' })).toBeVisible();

  // The service worker installs, precaches the shell and takes control of the page.
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 0 });
  await expect(page.getByTestId('sw-state')).toHaveText('Offline mode installed · no attendees yet');
  const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json() as Promise<{ icons: Array<{ sizes: string }> }>);
  expect(manifest.icons.map((i) => i.sizes)).toEqual(['192x192', '512x512']);

  await server.stop();
  const health = await page.evaluate(() =>
    fetch('/health').then(
      () => 'up',
      () => 'down',
    ),
  );
  expect(health).toBe('down');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'FastCheck' })).toBeVisible();
  await expect(page.getByTestId('sw-state')).toHaveText('Offline mode installed · no attendees yet');
});
