// Keeps this door's copy of the event's conflicts current: pulls the feed from the saved
// cursor, page by page, alongside the attendee delta (same timer, on demand, and at once
// when the server's nudge stream says the feed changed). Conflicts that name one of this
// door's own scans are handed back as alerts, except in the first pull (old news).
import { applyConflicts, conflictsCursor, ownConflictAlerts, type OwnConflictAlert } from '../../phone/conflicts.ts';
import type { StoredSession } from '../../phone/rows.ts';
import { fetchConflicts } from '../../phone/api-client.ts';

export const CONFLICTS_PAGE = 500;

let last: Promise<unknown> = Promise.resolve();

/**
 * One pull at a time, in order: a nudge during the timer's pull waits for it and then pulls
 * again (the pull in flight may have been answered before the new conflict committed), and
 * no two pulls read the same page from the same cursor.
 */
export function syncConflicts(session: StoredSession): Promise<{ received: number; alerts: OwnConflictAlert[] }> {
  const next = last.catch(() => undefined).then(() => pullConflicts(session));
  last = next;
  return next;
}

async function pullConflicts(session: StoredSession): Promise<{ received: number; alerts: OwnConflictAlert[] }> {
  let cursor = await conflictsCursor();
  const firstPull = cursor === null;
  let received = 0;
  const alerts: OwnConflictAlert[] = [];
  for (;;) {
    const page = await fetchConflicts(session, cursor, CONFLICTS_PAGE);
    cursor = page.next_cursor;
    await applyConflicts(page.conflicts, cursor);
    received += page.conflicts.length;
    if (!firstPull) alerts.push(...(await ownConflictAlerts(page.conflicts)));
    if (!page.has_more) return { received, alerts };
  }
}
