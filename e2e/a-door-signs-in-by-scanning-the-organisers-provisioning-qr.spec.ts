import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs } from '../playwright.config.ts';
import { writeQrY4m } from './fixtures/qr-video.ts';
import { seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ScannerPage } from './pages/scanner-page.ts';

// The provisioning QR names the server's origin, which is only known once the server has
// its port: so this spec writes the fake camera's video then and launches its own Chromium.
test("a door signs in by scanning the organiser's provisioning QR", async ({ server, database }) => {
  const seeded = await seedEvent(database.database, { attendees: 20 });
  const video = join(mkdtempSync(join(tmpdir(), 'fc-cam-')), 'setup.y4m');
  writeQrY4m(video, JSON.stringify({ server: server.url, event_id: seeded.eventId, credential: seeded.doorCredential }));

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
  try {
    const context = await browser.newContext({ permissions: ['camera'], viewport: { width: 412, height: 870 } });
    const page = await context.newPage();
    const door = new ScannerPage(page);
    await door.open(server.url);
    await door.readyOffline();

    await door.scanSetupQr();
    // The code filled the form in and signed in with it: no typing.
    await door.waitForSynced(22);
    await expect(page.getByTestId('gate-name')).toContainText('Main');
    await expect(door.online).toHaveText('Online');
    await door.scan(seeded.codes[0], 'accepted', 'Welcome, Guest0 Number0');
    await door.expectPending(0);
  } finally {
    await browser.close();
  }
});
