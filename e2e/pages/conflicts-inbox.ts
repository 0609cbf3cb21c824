// Page model of the console's Conflicts tab: the cases, their scans side by side, voiding
// one with a reason, notes, resolve, and the open / resolved filter.
import { expect, type Locator, type Page } from '@playwright/test';

export class ConflictsInbox {
  constructor(readonly page: Page) {}

  get cases(): Locator {
    return this.page.getByTestId('conflict-case');
  }

  /** The case of a ticket (its code is on the card). */
  caseOf(ticketCode: string): Locator {
    return this.cases.filter({ hasText: ticketCode });
  }

  scansOf(c: Locator): Locator {
    return c.getByTestId('case-scan');
  }

  async show(state: 'Open' | 'Resolved' | 'All'): Promise<void> {
    await this.page.getByRole('group', { name: 'Show cases' }).getByRole('button', { name: state }).click();
    await expect(this.page.getByRole('group', { name: 'Show cases' }).getByRole('button', { name: state })).toHaveAttribute('aria-pressed', 'true');
  }

  /** Voids the case's scan at `index` (scan-time order) with a reason; waits for who voided it to show. */
  async voidScan(c: Locator, index: number, reason: string): Promise<void> {
    const scan = this.scansOf(c).nth(index);
    await scan.getByLabel('Reason for voiding').fill(reason);
    await scan.getByRole('button', { name: 'Void' }).click();
    await expect(scan.getByTestId('voided-by')).toBeVisible();
  }

  async resolve(c: Locator, note: string): Promise<void> {
    await c.getByLabel('Note').fill(note);
    await c.getByRole('button', { name: 'Resolve' }).click();
  }
}
