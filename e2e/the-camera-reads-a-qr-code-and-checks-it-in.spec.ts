import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs } from '../playwright.config.ts';
import { writeQrY4m } from './fixtures/qr-video.ts';
import { auditRows, seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ScannerPage } from './pages/scanner-page.ts';

// The fake camera shows this ticket's QR code; it is also seeded under that code.
const TICKET = 'E3C8AF28A5-3';
const video = join(mkdtempSync(join(tmpdir(), 'fc-cam-')), 'ticket.y4m');
writeQrY4m(video, TICKET);

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  },
  permissions: ['camera'],
});

test('the camera reads a QR code from the video and checks the ticket in once', async ({ page, server, database }) => {
  const seeded = await seedEvent(database.database, { attendees: 5 });
  const { attendees, ticketTypes } = await import('../server/db/schema.ts');
  const { eq } = await import('drizzle-orm');
  const [ticketType] = await database.database.db.select().from(ticketTypes).where(eq(ticketTypes.eventId, seeded.eventId));
  await database.database.db
    .insert(attendees)
    .values({ eventId: seeded.eventId, ticketCode: TICKET, firstName: 'Camila', lastName: 'Camera', ticketTypeId: ticketType.id });

  const door = new ScannerPage(page);
  await door.openSignedIn(server.url, seeded, 8);

  await page.getByTestId('open-camera').click();
  await door.expectVerdict('accepted', 'Welcome, Camila Camera');
  // The code stays in front of the camera: it is not scanned again within 2 s. Waits for the
  // camera's own video to play on for that long (not for the wall clock: on a busy machine
  // fewer frames may arrive in 2 s of real time).
  const video = page.getByTestId('camera-video');
  const shownAt = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(shownAt + 1.5);
  const rows = (await auditRows(database.database, seeded.eventId)).filter((r) => r.ticketCode === TICKET);
  expect(rows.map((r) => r.verdict)).toEqual(['accepted']);
});
