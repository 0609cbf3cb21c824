import { seedEvent } from './fixtures/seed.ts';
import { expect, test } from './fixtures/test.ts';
import { ConsolePage } from './pages/console-page.ts';
import { ScannerPage } from './pages/scanner-page.ts';

// What phone/ stores as codes (the other door of a conflict, why a scan needs attention, what
// new rules changed) is worded on the page: a door set to German says it all in German.
test.use({ viewport: { width: 1280, height: 900 } });

test('a door set to German words the conflict banner, the Needs-attention entry and the new-rules notice in German', async ({ browser, server, database }) => {
  // Credentials not bound to an entrance: both doors choose Main, so it can be removed later.
  const seeded = await seedEvent(database.database, { attendees: 12, bound: false });
  const doors: ScannerPage[] = [];
  for (const name of ['Door A', 'Door B']) {
    const door = new ScannerPage(await (await browser.newContext()).newPage());
    await door.open(server.url);
    await door.readyOffline();
    await door.signIn(seeded.eventId, seeded.doorCredential, name);
    await door.chooseEntrance('Main');
    await door.waitForSynced(14); // the seed adds two of its own
    await expect(door.page.locator('section.scan')).toHaveAttribute('data-live', 'yes');
    doors.push(door);
  }
  const [a, b] = doors;
  const ticket = seeded.codes[4];

  // Door A's staff choose German.
  await a.page.getByLabel('Language').selectOption('de');
  await expect(a.page.getByTestId('status-attendees')).toHaveText('14 Gäste');

  // Door A admits the ticket online; Door B, without signal, admits it too; B's upload makes a conflict.
  await b.page.context().setOffline(true);
  await a.scan(ticket, 'accepted');
  await a.dismissVerdict();
  await b.scan(ticket, 'accepted');
  await b.expectPending(1);
  await b.page.context().setOffline(false);
  await b.expectPending(0);

  // Door A's banner names Door B in German.
  const banner = a.page.getByTestId('conflict-alert');
  await expect(banner).toContainText(`Ticket ${ticket} wurde zweimal eingelassen: bei Eingang Main · Door B und hier – siehe „Zu prüfen“.`);
  // Door B, still in English, names Door A in English.
  await expect(b.page.getByTestId('conflict-alert')).toContainText(`Ticket ${ticket} was admitted twice: at Main by Door A and here`);

  // Needs attention: the place and the detail line in German, the time in the event's zone.
  await banner.getByRole('button', { name: 'Zu prüfen' }).click();
  await expect(a.page.getByRole('heading', { name: 'Zu prüfen' })).toBeVisible();
  const item = a.page.getByTestId('attention-item').filter({ hasText: ticket });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(new RegExp(`Konflikt · ${ticket} · \\d\\d:\\d\\d · Eingang Main · Door B`));
  await expect(item).toContainText(/Offline eingelassen, aber bereits eingecheckt um \d\d:\d\d · Eingang Main · Door A: prüfen/);
  await expect(item).not.toContainText(/Admitted|review|this door|another door/);
  await a.page.getByRole('button', { name: 'Zurück zum Scannen' }).click();

  // The organiser removes Main; at Door A's next sync the notice is German.
  const organiser = new ConsolePage(await (await browser.newContext()).newPage());
  await organiser.open(server.url, `/console/events/${seeded.eventId}/setup`);
  await organiser.signIn();
  await organiser.removeEntrance('Main');
  for (const door of [a, b]) {
    await door.page.context().setOffline(true);
    await door.page.context().setOffline(false);
  }
  await expect(a.rulesNotice).toHaveText('Eingang Main wurde entfernt: bitte einen anderen Eingang wählen');
  await expect(a.page.getByRole('heading', { name: 'Welcher Eingang ist das?' })).toBeVisible();
  // The same stored notice at Door B, in English.
  await expect(b.rulesNotice).toHaveText('Main was removed: choose another entrance');
  await a.chooseEntrance('VIP');
  await expect(a.rulesNotice).toBeHidden();
});
