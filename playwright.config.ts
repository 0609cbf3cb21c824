import { defineConfig } from '@playwright/test';

/** Debian's Chromium; flags that work as root on a closed network (see TESTING-NOTES). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  // Two specs at a time: each starts its own server (free port, scratch database) and browser,
  // and much of a spec is waiting on the door or the network, so two cores serve two of them.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  // Safety nets, not deadlines: CI shares two cores with other work (load 10+), so a test
  // waits for events and visible state, and only a hang should ever reach these.
  timeout: 600_000,
  expect: { timeout: 120_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'reports/e2e.json' }]] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    viewport: { width: 412, height: 870 },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
