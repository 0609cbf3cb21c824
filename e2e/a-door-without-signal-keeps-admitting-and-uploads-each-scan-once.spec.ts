import { expect, test } from './fixtures/test.ts';
import { auditRows, seedEvent } from './fixtures/seed.ts';
import { ScannerPage } from './pages/scanner-page.ts';

test('a door without signal keeps admitting, refuses duplicates, and uploads each scan exactly once when the server is back', async ({
  page,
  server,
  database,
}) => {
  const seeded = await seedEvent(database.database, { attendees: 50 });
  const door = new ScannerPage(page);
  await door.openSignedIn(server.url, seeded, 52);

  // One admission online first: the phone remembers it.
  await door.scan(seeded.codes[0], 'accepted');

  await server.stop();
  await door.scan(seeded.codes[0], 'already_checked_in', /^Already checked in at \d\d:\d\d at Main$/);
  await expect(door.online).toHaveText('Offline');
  await door.expectPending(1);
  await door.scan(seeded.codes[1], 'accepted', 'Welcome, Guest1 Number1');
  await door.expectPending(2);
  await door.scan(seeded.codes[1], 'already_checked_in');
  await door.scan(seeded.codes[2], 'accepted');
  await door.scan('NOT-A-TICKET', 'unknown_ticket', 'Unknown ticket');
  await door.scan(seeded.cancelledCode, 'cancelled', 'Ticket cancelled: Rui Refunded');
  await door.expectPending(6);
  await expect(page.getByText('Decided on this phone (no signal): will upload later')).toBeVisible();

  await server.start();
  await door.expectPending(0);
  await expect(door.online).toHaveText('Online');

  const audit = await auditRows(database.database, seeded.eventId);
  const byScan = new Map(audit.map((r) => [r.scanId, r]));
  expect(byScan.size).toBe(audit.length); // each scan exactly once
  const summary = audit.map((r) => `${r.ticketCode} ${r.verdict} offline=${r.offline}`).sort();
  expect(summary).toEqual(
    [
      `${seeded.codes[0]} accepted offline=false`,
      `${seeded.codes[0]} already_checked_in offline=true`,
      `${seeded.codes[1]} accepted offline=true`,
      `${seeded.codes[1]} already_checked_in offline=true`,
      `${seeded.codes[2]} accepted offline=true`,
      `NOT-A-TICKET unknown_ticket offline=true`,
      `${seeded.cancelledCode} cancelled offline=true`,
    ].sort(),
  );
  // Nothing needed attention: the offline verdicts matched the server's.
  await expect(page.getByTestId('open-attention')).toHaveText('Needs attention (0)');
});
