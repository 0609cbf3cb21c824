// Page model of the door app: what a member of door staff does and sees.
import { expect, type Locator, type Page } from '@playwright/test';

export class ScannerPage {
  readonly verdict: Locator;
  readonly pending: Locator;
  readonly online: Locator;

  constructor(readonly page: Page) {
    this.verdict = page.getByTestId('verdict');
    this.pending = page.getByTestId('status-pending');
    this.online = page.getByTestId('status-online');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { name: 'FastCheck' })).toBeVisible();
  }

  /** Waits until the service worker controls the page: from then on scans work offline. */
  async readyOffline(): Promise<void> {
    await this.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 0 });
    await expect(this.page.getByTestId('sw-state')).toHaveAttribute('data-sw', 'controlling');
  }

  /** Opens the app, waits until it works offline, signs in and waits for the first sync of `attendees`. */
  async openSignedIn(url: string, gate: { eventId: string; doorCredential: string }, attendees: number): Promise<void> {
    await this.open(url);
    await this.readyOffline();
    await this.signIn(gate.eventId, gate.doorCredential);
    await this.waitForSynced(attendees);
  }

  async signIn(eventId: string, credential: string, deviceName = 'Door phone'): Promise<void> {
    await this.page.getByTestId('event-id').fill(eventId);
    await this.page.getByTestId('credential').fill(credential);
    await this.page.getByTestId('device-name').fill(deviceName);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Opens the camera on the sign-in screen to read the organiser's provisioning QR. */
  async scanSetupQr(): Promise<void> {
    await this.page.getByRole('button', { name: 'Scan setup QR' }).click();
  }

  /** Asks to sign out from the scan screen; shows either the plain confirm or the refusal. */
  async askToSignOut(): Promise<void> {
    await this.dismissVerdict();
    await this.page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: /^Sign out of / })).toBeVisible();
  }

  /** A supervisor types their credential to sign out despite `pending` unsent scans. */
  async supervisorSignsOut(credential: string, pending: number): Promise<void> {
    await this.page.getByLabel('Supervisor credential').fill(credential);
    await this.page.getByRole('button', { name: `Supervisor: sign out and discard ${pending}` }).click();
  }

  async expectSignedOut(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'Sign in to a gate' })).toBeVisible();
  }

  /** Entry or Exit, on a door of an event that allows re-entry. */
  async chooseDirection(direction: 'in' | 'out'): Promise<void> {
    const button = this.page.getByRole('button', { name: direction === 'in' ? 'Entry' : 'Exit', exact: true });
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }

  async chooseEntrance(name: string): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
  }

  /** Waits for the scan screen after the first sync, with `count` attendees cached. */
  async waitForSynced(count: number): Promise<void> {
    await expect(this.page.getByTestId('status-attendees')).toHaveText(`${count.toLocaleString('en')} attendees`);
    await expect(this.page.getByTestId('manual-code')).toBeVisible();
  }

  /** Types a code into the manual field and submits it, as door staff would. */
  async typeCode(code: string): Promise<void> {
    await this.dismissVerdict();
    await this.page.getByTestId('manual-code').fill(code);
    await this.page.getByTestId('manual-code').press('Enter');
  }

  /** Types a name (or anything) into the manual field and presses "Check in", without waiting for a verdict. */
  async typeAndCheckIn(text: string): Promise<void> {
    await this.dismissVerdict();
    await this.page.getByLabel('Ticket code, name or email').fill(text);
    await this.page.getByRole('button', { name: 'Check in', exact: true }).click();
  }

  async dismissVerdict(): Promise<void> {
    if (await this.verdict.isVisible()) await this.verdict.click();
    await expect(this.verdict).toBeHidden();
  }

  async expectVerdict(verdict: string, reason?: string | RegExp): Promise<void> {
    await expect(this.verdict).toHaveAttribute('data-verdict', verdict);
    if (reason) await expect(this.page.getByTestId('verdict-reason')).toHaveText(reason);
  }

  /** Scans a code and checks the verdict shown. */
  async scan(code: string, verdict: string, reason?: string | RegExp): Promise<void> {
    await this.typeCode(code);
    await this.expectVerdict(verdict, reason);
  }

  /**
   * Stops the page's clock (installed with `page.clock.install()` before the page opened), so
   * from now on time in the page moves only when a step says so: key gaps are what the test
   * says, not what the machine's load makes them.
   */
  async holdClock(): Promise<void> {
    const now = await this.page.evaluate(() => Date.now());
    await this.page.clock.pauseAt(now + 5_000);
  }

  /**
   * A keyboard-wedge scanner (or a person) types `text` wherever the focus is, `gapsMs[i]` ms
   * apart on the held page clock (the list cycles), then Enter, Tab or no terminator, then
   * stays quiet for a second: the pause that ends a scan sent without a terminator.
   */
  async wedgeTypes(text: string, gapsMs: readonly number[], end: 'Enter' | 'Tab' | 'none'): Promise<void> {
    const gap = (i: number) => gapsMs[i % gapsMs.length] ?? 0;
    await this.page.clock.runFor(1_000); // a quiet keyboard before the burst
    for (const [i, ch] of [...text].entries()) {
      if (i > 0) await this.page.clock.runFor(gap(i - 1));
      await this.page.keyboard.press(ch);
    }
    if (end !== 'none') {
      await this.page.clock.runFor(gap(text.length - 1));
      await this.page.keyboard.press(end);
    }
    await this.page.clock.runFor(1_000);
  }

  /** What the door is told when new rules change its own entrance. */
  /** The REHEARSAL banner on the verdict shown now. */
  get rehearsalBanner(): Locator {
    return this.page.getByTestId('verdict-rehearsal');
  }

  /** The door's own "REHEARSAL until doors open" strip above the scan controls. */
  get rehearsalStrip(): Locator {
    return this.page.getByTestId('rehearsal-strip');
  }

  get rulesNotice(): Locator {
    return this.page.getByTestId('rules-notice');
  }

  /** The status line's "N to upload"; with nothing to upload the part is left out. */
  async expectPending(n: number): Promise<void> {
    if (n === 0) await expect(this.pending).toBeHidden();
    else await expect(this.pending).toHaveText(`${n.toLocaleString('en')} to upload`);
  }

  /** A row of the phone's own `meta` table in IndexedDB (a setting, rehearsal admissions), read in the page. */
  storedMeta(key: string): Promise<string | undefined> {
    return this.page.evaluate(
      (k) =>
        new Promise<string | undefined>((resolve, reject) => {
          const open = indexedDB.open('fastcheck');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('meta').objectStore('meta').get(k);
            get.onsuccess = () => {
              resolve(get.result?.value);
              open.result.close();
            };
            get.onerror = () => reject(get.error);
          };
        }),
      key,
    );
  }

  async openAttention(): Promise<Locator> {
    await this.dismissVerdict();
    await this.page.getByTestId('open-attention').click();
    const items = this.page.getByTestId('attention-item');
    await expect(items.or(this.page.getByText('Nothing to review.')).first()).toBeVisible();
    return items;
  }
}
