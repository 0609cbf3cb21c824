import { and, eq } from 'drizzle-orm';
import { attendees, ticketTypes } from '../server/db/schema.ts';
import { auditRows, seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ConsolePage } from './pages/console-page.ts';
import { ScannerPage } from './pages/scanner-page.ts';

test.use({ viewport: { width: 1280, height: 900 } });

test('a door offline refuses a ticket sold after its last sync, uploads later, and the holder is then admitted at another door; the audit log shows the refusal with the server’s opinion beside it', async ({
  browser,
  server,
  database,
}) => {
  const seeded = await seedEvent(database.database, { attendees: 30 });
  const doorA = new ScannerPage(await (await browser.newContext()).newPage());
  await doorA.openSignedIn(server.url, seeded, 32);

  // The door loses the server; meanwhile the shop sells one more ticket.
  await server.stop();
  const late = { code: 'LATE-0001', name: 'Lena Late' };
  const [general] = await database.database.db
    .select({ id: ticketTypes.id })
    .from(ticketTypes)
    .where(and(eq(ticketTypes.eventId, seeded.eventId), eq(ticketTypes.name, 'General')));
  await database.database.db.insert(attendees).values({
    eventId: seeded.eventId,
    ticketCode: late.code,
    firstName: 'Lena',
    lastName: 'Late',
    email: 'lena@example.org',
    ticketTypeId: general.id,
    checkinsAllowed: 1,
  });

  // The door has never heard of it: it refuses, and keeps the refusal for upload.
  await doorA.scan(late.code, 'unknown_ticket');
  await doorA.expectPending(1);

  await server.start();
  await doorA.expectPending(0);
  const uploaded = (await auditRows(database.database, seeded.eventId)).filter((r) => r.ticketCode === late.code);
  expect(uploaded).toEqual([expect.objectContaining({ verdict: 'unknown_ticket', offline: true, localVerdict: 'unknown_ticket' })]);

  // The real holder arrives at another door: admitted, not "already checked in".
  const doorB = new ScannerPage(await (await browser.newContext()).newPage());
  await doorB.openSignedIn(server.url, seeded, 33);
  await doorB.scan(late.code, 'accepted');
  await expect(doorB.verdict).toContainText(late.name);

  // The audit log keeps what the door did, with what the server would have said beside it.
  const console_ = new ConsolePage(await (await browser.newContext()).newPage());
  await console_.open(server.url, `/console/events/${seeded.eventId}/live`);
  await console_.signIn();
  await console_.tab('Audit log');
  const page = console_.page;
  const rows = page.getByTestId('audit-rows').locator('tbody tr').filter({ hasText: late.code });
  await expect(rows).toHaveCount(2);
  const refusal = rows.filter({ has: page.getByTestId('audit-server-opinion') });
  await expect(refusal).toHaveCount(1);
  await expect(refusal).toContainText('unknown ticket');
  await expect(refusal).toContainText('offline: door said unknown ticket');
  await expect(refusal.getByTestId('audit-server-opinion')).toHaveText('Review: refused offline; valid on the server.');
  await expect(rows.filter({ hasNot: page.getByTestId('audit-server-opinion') })).toContainText('accepted');
  await console_.screenshot('audit-offline-refusal');

  // Admins can list just the disagreements between doors and server.
  await page.getByLabel('Door and server disagree').check();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('audit-rows').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('audit-rows').locator('tbody tr')).toContainText(late.code);
});
