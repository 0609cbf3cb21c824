import { expect, test } from './fixtures/test.ts';

test('the scanner and the console load without Content Security Policy violations', async ({ page, server }) => {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (msg.text().includes('Content Security Policy')) violations.push(msg.text());
  });
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'FastCheck' })).toBeVisible();
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 0 });
  await expect(page.getByTestId('sw-state')).toHaveText('Offline mode installed · no attendees yet');

  await page.goto(`${server.url}/console/`);
  await expect(page.getByRole('heading').first()).toBeVisible();
  expect(violations).toEqual([]);
});
