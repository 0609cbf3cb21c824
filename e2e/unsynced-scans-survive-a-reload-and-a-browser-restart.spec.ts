import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs } from '../playwright.config.ts';
import { auditRows, seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ScannerPage } from './pages/scanner-page.ts';

const launch = (dir: string) =>
  chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs,
    viewport: { width: 412, height: 870 },
  });

test('scans made without signal survive a reload and a browser restart, then upload', async ({ server, database }) => {
  const seeded = await seedEvent(database.database, { attendees: 20 });
  const profile = mkdtempSync(join(tmpdir(), 'fc-profile-'));
  try {
    let context = await launch(profile);
    let door = new ScannerPage(context.pages()[0] ?? (await context.newPage()));
    await door.openSignedIn(server.url, seeded, 22);

    await server.stop();
    await door.scan(seeded.codes[1], 'accepted');
    await door.scan(seeded.codes[2], 'accepted');
    await door.expectPending(2);

    await door.page.reload();
    await door.expectPending(2);
    await door.scan(seeded.codes[1], 'already_checked_in');
    await door.expectPending(3);

    await context.close();
    context = await launch(profile);
    door = new ScannerPage(context.pages()[0] ?? (await context.newPage()));
    await door.open(server.url); // served by the service worker: the server is still down
    await door.expectPending(3);
    await door.scan(seeded.codes[2], 'already_checked_in');
    await door.expectPending(4);

    await server.start();
    await door.expectPending(0);
    const audit = await auditRows(database.database, seeded.eventId);
    expect(audit.map((r) => `${r.ticketCode} ${r.verdict} ${r.offline}`).sort()).toEqual(
      [
        `${seeded.codes[1]} accepted true`,
        `${seeded.codes[1]} already_checked_in true`,
        `${seeded.codes[2]} accepted true`,
        `${seeded.codes[2]} already_checked_in true`,
      ].sort(),
    );
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
