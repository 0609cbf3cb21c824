// Page model of the organiser console: what an organiser or admin does and sees.
import { expect, type Locator, type Page } from '@playwright/test';
import { ADMIN } from '../fixtures/server.ts';

export { ADMIN };

export class ConsolePage {
  constructor(readonly page: Page) {}

  /** From the scanner's first screen, by the visible link, as a newcomer would. */
  async openFromScanner(serverUrl: string): Promise<void> {
    await this.page.goto(serverUrl);
    await expect(this.page.getByRole('link', { name: /console/i })).toBeVisible();
    await this.screenshot('scanner-link');
    await this.page.getByRole('link', { name: /console/i }).click();
    await expect(this.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  }

  async open(serverUrl: string, path = '/console/'): Promise<void> {
    await this.page.goto(`${serverUrl}${path}`);
  }

  async signIn(email = ADMIN.email, password = ADMIN.password): Promise<void> {
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  async expectSignedIn(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Events', level: 1 })).toBeVisible();
  }

  async createEvent(e: {
    name: string;
    location: string;
    timezone: string;
    start: string;
    end: string;
    reentry?: boolean;
    exactCase?: boolean;
  }): Promise<void> {
    await this.page.getByRole('button', { name: 'New event' }).click();
    const form = this.page.getByRole('form', { name: 'New event' });
    await form.getByLabel('Name').fill(e.name);
    await form.getByLabel('Location').fill(e.location);
    await form.getByLabel('Time zone').selectOption(e.timezone);
    await form.getByLabel(/^Starts/).fill(e.start);
    await form.getByLabel(/^Ends/).fill(e.end);
    if (e.reentry) await form.getByLabel(/Re-entry allowed/).check();
    if (e.exactCase) await form.getByLabel(/Ticket codes are case-sensitive/).check();
    await this.screenshot('new-event');
    await form.getByRole('button', { name: 'Create event' }).click();
    await expect(this.page.getByRole('heading', { name: e.name, level: 1 })).toBeVisible();
  }

  /** On an event's page: edits the event to allow re-entry. */
  async allowReentry(): Promise<void> {
    await this.page.getByRole('button', { name: 'Edit event' }).click();
    const form = this.page.getByRole('form', { name: 'Edit event' });
    await form.getByLabel(/Re-entry allowed/).check();
    await form.getByRole('button', { name: 'Save event' }).click();
    await expect(this.page.getByTestId('event-when')).toContainText('re-entry allowed');
  }

  /** On an event's page: opens the Tickera tab and connects the site with this key. */
  async connectTickera(siteUrl: string, apiKey: string): Promise<void> {
    await this.tab('Tickera');
    await this.page.getByLabel('Site URL').fill(siteUrl);
    await this.page.getByLabel(/^API key/).fill(apiKey);
    await this.page.getByRole('button', { name: 'Connect' }).click();
  }

  /** On an event's page: sets how long before the start doors open; returns the form's "Doors open at …" line. */
  async setDoorsOpen(minutesBefore: number, screenshot?: string): Promise<string> {
    await this.page.getByRole('button', { name: 'Edit event' }).click();
    const form = this.page.getByRole('form', { name: 'Edit event' });
    await form.getByLabel(/^Doors open/).fill(String(minutesBefore));
    const preview = form.getByTestId('doors-open-preview');
    await expect(preview).toContainText(minutesBefore % 60 === 0 ? `${minutesBefore / 60} h before the start` : 'before the start');
    const line = (await preview.textContent())!;
    if (screenshot) await this.screenshot(screenshot);
    await form.getByRole('button', { name: 'Save event' }).click();
    await expect(form).toBeHidden();
    return line;
  }

  /** On an event's page: switches rehearsal on or off and waits for the header to say so. */
  async switchRehearsal(on: boolean): Promise<void> {
    await this.page.getByRole('button', { name: on ? 'Start rehearsal' : 'End rehearsal' }).click();
    await expect(this.page.getByTestId('rehearsal-state')).toContainText(on ? 'Rehearsal is on' : 'every scan counts');
  }

  /** On the Set-up tab: removes an entrance, confirming the question. */
  async removeEntrance(name: string): Promise<void> {
    this.page.once('dialog', (d) => void d.accept());
    await this.page.getByRole('button', { name: `Remove ${name}`, exact: true }).click();
    await expect(this.page.getByTestId('entrances').getByText(name, { exact: true })).toBeHidden();
  }

  async tab(name: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Event sections' }).getByRole('link', { name }).click();
  }

  async addTicketType(name: string, allowed: number): Promise<void> {
    const form = this.page.getByRole('form', { name: 'New ticket type' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel(/Check-ins allowed/).fill(String(allowed));
    await form.getByRole('button', { name: 'Add ticket type' }).click();
    await expect(this.page.getByTestId('ticket-types').getByText(name, { exact: true })).toBeVisible();
  }

  async addEntrance(name: string, admits: string[] = [], window?: { opens: string; closes: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: 'New entrance' });
    await form.getByLabel('Name').fill(name);
    for (const type of admits) await form.getByLabel(type, { exact: true }).check();
    if (window) {
      await form.getByLabel(/^Opens/).fill(window.opens);
      await form.getByLabel(/^Closes/).fill(window.closes);
    }
    await form.getByRole('button', { name: 'Add entrance' }).click();
    await expect(this.page.getByTestId('entrances').getByText(name, { exact: true })).toBeVisible();
  }

  async importCsv(name: string, csv: string): Promise<void> {
    await this.page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await this.page.getByRole('button', { name: 'Import', exact: true }).click();
  }

  /** On the Attendees tab: types a search and waits for its count. */
  async searchAttendees(q: string, count: string | RegExp): Promise<void> {
    await this.page.getByRole('searchbox', { name: /Search by name, email or ticket code/ }).fill(q);
    await expect(this.page.getByTestId('attendee-count')).toHaveText(count);
  }

  /** On the Attendees tab: opens a listed person's history at the desk. */
  async openHistory(name: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `History of ${name}` }).click();
    const desk = this.page.getByTestId('attendee-desk');
    await expect(desk.getByRole('heading', { name })).toBeVisible();
    return desk;
  }

  /** At the desk: checks the open person in by hand at an entrance. */
  async checkInByHand(entrance: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Check in by hand' });
    await form.getByLabel('Entrance').selectOption({ label: entrance });
    await form.getByRole('button', { name: 'Check in by hand' }).click();
    await expect(this.page.getByTestId('desk-said')).toBeVisible();
  }

  /** At the desk: undoes the admission still standing, giving a reason. */
  async undoAdmission(reason: string): Promise<void> {
    const history = this.page.getByTestId('attendee-history');
    await history.getByRole('button', { name: 'Undo' }).click();
    const form = history.getByRole('form', { name: 'Undo admission' });
    await form.getByLabel('Reason').fill(reason);
    await form.getByRole('button', { name: 'Undo admission' }).click();
    await expect(this.page.getByTestId('desk-said')).toHaveText(`Undone: ${reason}`);
  }

  /** Creates a credential and returns the code shown once. */
  async createCredential(label: string, entrance?: string): Promise<string> {
    const form = this.page.getByRole('form', { name: 'New scanner credential' });
    await form.getByLabel('Label').fill(label);
    if (entrance) await form.getByLabel('Entrance').selectOption({ label: entrance });
    await form.getByRole('button', { name: 'Create credential' }).click();
    const code = this.page.getByTestId('credential-code');
    await expect(code).toBeVisible();
    return (await code.textContent())!.trim();
  }

  get once(): Locator {
    return this.page.getByTestId('credential-once');
  }

  /** On the Devices tab: one phone's row, by the name it signed in with. */
  deviceRow(name: string): Locator {
    return this.page.getByTestId('device-row').and(this.page.locator(`[data-device="${name}"]`));
  }

  /** On the Devices tab: revokes a phone, confirming the question. */
  async revokeDevice(name: string): Promise<void> {
    this.page.once('dialog', (d) => void d.accept());
    await this.deviceRow(name)
      .getByRole('button', { name: `Revoke ${name}`, exact: true })
      .click();
    await expect(this.deviceRow(name).getByTestId('device-seen')).toHaveText(/^revoked/);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `e2e/artifacts/console-${name}.png`, fullPage: true });
  }
}
