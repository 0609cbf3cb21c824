// Issue 10 item 2: a phone 15 minutes fast (Playwright's clock moves the page's Date, not the
// service worker's, here: the page stamps scans with the offset it learned itself; the server
// keeps real time) scans online and offline. Every scan gets
// a verdict, and the audit rows hold times on the server's clock, the phone's own time beside them.
import { eq } from 'drizzle-orm';
import { checkIns } from '../server/db/schema.ts';
import { seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ScannerPage } from './pages/scanner-page.ts';

const FAST_MS = 15 * 60_000;
/** Allowed between the server's receive time and a scan time corrected on the phone (loaded CI). */
const SLACK_MS = 60_000;

test('a phone whose clock is fifteen minutes fast gets a verdict for every scan, online and offline, and the audit holds server times', async ({
  page,
  server,
  database,
}) => {
  const seeded = await seedEvent(database.database, { attendees: 50 });
  await page.clock.install();
  await page.clock.setSystemTime(Date.now() + FAST_MS);
  const door = new ScannerPage(page);
  await door.openSignedIn(server.url, seeded, 52);

  // Online: judged at the server's time (a server that believed the phone would refuse with 400).
  await door.scan(seeded.codes[0], 'accepted');
  await door.scan(seeded.codes[0], 'already_checked_in');

  // Offline: decided on the phone, stamped on the server's clock, uploaded when it is back.
  await server.stop();
  await door.scan(seeded.codes[1], 'accepted');
  await door.scan(seeded.codes[0], 'already_checked_in');
  await door.expectPending(2);
  await server.start();
  await door.expectPending(0);

  const rows = await database.database.db
    .select({
      ticketCode: checkIns.ticketCode,
      verdict: checkIns.verdict,
      offline: checkIns.offline,
      scannedAt: checkIns.scannedAt,
      receivedAt: checkIns.receivedAt,
      phoneScannedAt: checkIns.phoneScannedAt,
      clockSkewMs: checkIns.clockSkewMs,
      timeFlag: checkIns.timeFlag,
    })
    .from(checkIns)
    .where(eq(checkIns.eventId, seeded.eventId));
  expect(rows.map((r) => `${r.ticketCode} ${r.verdict} offline=${r.offline}`).sort()).toEqual(
    [
      `${seeded.codes[0]} accepted offline=false`,
      `${seeded.codes[0]} already_checked_in offline=false`,
      `${seeded.codes[1]} accepted offline=true`,
      `${seeded.codes[0]} already_checked_in offline=true`,
    ].sort(),
  );
  for (const r of rows) {
    // On the server's clock: never after the server received it, and not long before.
    expect(r.scannedAt.getTime()).toBeLessThanOrEqual(r.receivedAt.getTime() + 1000);
    expect(r.receivedAt.getTime() - r.scannedAt.getTime()).toBeLessThan(r.offline ? 10 * 60_000 : SLACK_MS);
    // The phone's own time kept beside it, 15 minutes ahead; nothing flagged.
    expect(r.timeFlag).toBeNull();
    expect(Math.abs(r.phoneScannedAt!.getTime() - r.scannedAt.getTime() - FAST_MS)).toBeLessThan(SLACK_MS);
    expect(Math.abs(r.clockSkewMs! + FAST_MS)).toBeLessThan(SLACK_MS);
  }
});
