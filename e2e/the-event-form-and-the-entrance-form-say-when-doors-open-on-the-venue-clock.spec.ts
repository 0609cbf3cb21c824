import { expect, test } from './fixtures/test.ts';
import { ConsolePage } from './pages/console-page.ts';

test.use({ viewport: { width: 1280, height: 900 } });

test('the event form and the entrance form say when doors open on the venue clock, and an entrance opening of its own wins', async ({ page, server }) => {
  const console_ = new ConsolePage(page);
  await console_.open(server.url);
  await console_.signIn();
  await console_.createEvent({ name: 'Open Air', location: 'Park', timezone: 'Europe/Berlin', start: '2026-08-01T19:00', end: '2026-08-01T23:30' });
  // The default: two hours before the start.
  await expect(page.getByTestId('event-doors-open')).toHaveText('Doors open at 17:00 (Europe/Berlin), 2 h before the start');

  const line = await console_.setDoorsOpen(90, 'event-form-doors-open');
  expect(line).toContain('Doors open at 17:30 (Europe/Berlin), 1 h 30 min before the start');
  await expect(page.getByTestId('event-doors-open')).toHaveText('Doors open at 17:30 (Europe/Berlin), 1 h 30 min before the start');

  // A lead over a day is refused, naming the field.
  await page.getByRole('button', { name: 'Edit event' }).click();
  const form = page.getByRole('form', { name: 'Edit event' });
  await form.getByLabel(/^Doors open/).fill('2000');
  await expect(form.getByTestId('doors-open-preview')).toContainText('Give 0 to 1440 minutes');
  await form.getByRole('button', { name: 'Cancel' }).click();

  // The entrance form: the event's doors, unless the entrance opens on its own.
  const entrance = page.getByRole('form', { name: 'New entrance' });
  await expect(entrance.getByTestId('entrance-doors-open')).toHaveText(
    'Doors open at 17:30 (Europe/Berlin), 1 h 30 min before the start, unless this entrance sets its own opening.',
  );
  await entrance.getByLabel(/^Opens/).fill('2026-08-01T18:15');
  await expect(entrance.getByTestId('entrance-doors-open')).toHaveText("Opens at 18:15 (Europe/Berlin): its own opening wins over the event's doors.");
  await console_.screenshot('entrance-doors-open');
});
