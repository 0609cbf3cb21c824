import { mkdirSync } from 'node:fs';
import { expect, test } from './fixtures/test.ts';
import { auditRows, seedEvent } from './fixtures/seed.ts';
import { ScannerPage } from './pages/scanner-page.ts';

test('two doors without signal admit the same ticket; back online one scan is a conflict and both doors list it', async ({ browser, server, database }) => {
  const seeded = await seedEvent(database.database, { attendees: 30 });
  const doors: ScannerPage[] = [];
  for (const name of ['Door A', 'Door B']) {
    const context = await browser.newContext();
    const door = new ScannerPage(await context.newPage());
    await door.open(server.url);
    await door.readyOffline();
    await door.signIn(seeded.eventId, seeded.doorCredential, name);
    await door.waitForSynced(32);
    doors.push(door);
  }
  const [a, b] = doors;
  const ticket = seeded.codes[7];

  await server.stop();
  await a.scan(ticket, 'accepted');
  await b.scan(ticket, 'accepted');
  await a.expectPending(1);
  await b.expectPending(1);

  await server.start();
  await a.expectPending(0);
  await b.expectPending(0);

  const audit = (await auditRows(database.database, seeded.eventId)).filter((r) => r.ticketCode === ticket);
  expect(audit.map((r) => r.verdict).sort()).toEqual(['accepted', 'conflict']);
  expect(audit.every((r) => r.offline && r.localVerdict === 'accepted')).toBe(true);
  const conflictScanId = audit.find((r) => r.verdict === 'conflict')!.scanId;

  // Both doors now hold the server's view: the ticket is used.
  for (const door of doors) {
    await door.dismissVerdict();
    await door.scan(ticket, 'already_checked_in');
  }
  // Both doors list the one conflict: the door whose upload came second from its batch
  // result, the other from the event's conflict feed.
  for (const door of doors) {
    const items = await door.openAttention();
    const item = items.filter({ hasText: ticket });
    await expect(item).toHaveCount(1);
    await expect(item).toHaveAttribute('data-verdict', 'conflict');
    await expect(item).toHaveAttribute('data-scan-id', conflictScanId);
    await expect(item).toContainText('Guest7 Number7');
  }
  mkdirSync(new URL('./artifacts/', import.meta.url).pathname, { recursive: true });
  for (const [i, door] of doors.entries()) {
    await door.page.screenshot({ path: new URL(`./artifacts/needs-attention-conflict-door-${'ab'[i]}.png`, import.meta.url).pathname });
  }
});
