import { expect, test } from './fixtures/test.ts';
import { auditRows, seedEvent } from './fixtures/seed.ts';
import { ScannerPage } from './pages/scanner-page.ts';

const tones = (door: ScannerPage) =>
  door.page.evaluate(() => (globalThis as unknown as { __fastcheck: { feedback: Array<{ tone: string }> } }).__fastcheck.feedback.map((f) => f.tone));

test('a conflict reaches the online door within seconds, with a sound and a banner, without waiting for its sync', async ({ browser, server, database }) => {
  const seeded = await seedEvent(database.database, { attendees: 12 });
  const doors: ScannerPage[] = [];
  for (const name of ['Door A', 'Door B']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Door A's clock is held below, so its 30 s sync cannot run: only the push can tell it.
    await page.clock.install();
    const door = new ScannerPage(page);
    await door.open(server.url);
    await door.readyOffline();
    await door.signIn(seeded.eventId, seeded.doorCredential, name);
    await door.waitForSynced(14); // the seed adds two of its own
    await expect(page.locator('section.scan')).toHaveAttribute('data-live', 'yes');
    doors.push(door);
  }
  const [a, b] = doors;
  const ticket = seeded.codes[4];

  // Door B loses its signal; Door A admits the ticket online, then B admits it too, offline.
  await b.page.context().setOffline(true);
  await a.scan(ticket, 'accepted');
  await a.dismissVerdict();
  await b.scan(ticket, 'accepted');
  await b.expectPending(1);

  await a.holdClock();
  await expect(a.page.getByTestId('conflict-alert')).toBeHidden();

  // B's signal returns and its outbox uploads: the server finds the second admission a conflict.
  await b.page.context().setOffline(false);
  await b.expectPending(0);
  const audit = (await auditRows(database.database, seeded.eventId)).filter((r) => r.ticketCode === ticket);
  expect(audit.map((r) => r.verdict).sort()).toEqual(['accepted', 'conflict']);
  const conflictScanId = audit.find((r) => r.verdict === 'conflict')!.scanId;

  // Door A, its clock still held (no timer has run since), hears it: banner, sound, count.
  const banner = a.page.getByTestId('conflict-alert');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(`Ticket ${ticket} was admitted twice: at Main by Door B and here — see Needs attention`);
  await expect(banner).toHaveAttribute('data-scan-id', conflictScanId);
  expect(await tones(a)).toEqual(['accepted', 'attention']);
  await expect(a.page.getByTestId('open-attention')).toHaveText('Needs attention (1)');

  // Door B, whose upload made the conflict, is told the same way.
  await expect(b.page.getByTestId('conflict-alert')).toContainText(`Ticket ${ticket} was admitted twice: at Main by Door A and here`);

  await a.page.clock.resume();
  await a.page.getByTestId('conflict-alert').getByRole('button', { name: 'Needs attention' }).click();
  const item = a.page.getByTestId('attention-item').filter({ hasText: ticket });
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-scan-id', conflictScanId);
  await expect(item).toHaveAttribute('data-verdict', 'conflict');
});
