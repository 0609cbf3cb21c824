// Keeps this door's copy of the event's conflicts current: pulls the feed from the saved
// cursor, page by page, alongside the attendee delta (same timer, and on demand).
import { applyConflicts, conflictsCursor } from '../../phone/conflicts.ts';
import type { StoredSession } from '../../phone/rows.ts';
import { fetchConflicts } from '../../phone/api-client.ts';

export const CONFLICTS_PAGE = 500;

export async function syncConflicts(session: StoredSession): Promise<{ received: number }> {
  let cursor = await conflictsCursor();
  let received = 0;
  for (;;) {
    const page = await fetchConflicts(session, cursor, CONFLICTS_PAGE);
    cursor = page.next_cursor;
    await applyConflicts(page.conflicts, cursor);
    received += page.conflicts.length;
    if (!page.has_more) return { received };
  }
}
