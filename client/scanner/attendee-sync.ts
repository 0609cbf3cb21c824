// Keeps the local attendee list current: the first sync downloads everything in pages
// (each page one bulkPut, with progress), later syncs pull deltas from the saved cursor.
// The cursor moves only after a page is stored, so an interrupted sync resumes cleanly.
// Each call sends the rules version the phone decides by; new rules (event window, re-entry,
// entrances, ticket types) replace the stored ones at once, before the attendees. A sync that
// finds the rehearsal over (switched off, or doors open by the server's clock) forgets its admissions.
import { applyAttendees, countAttendees } from '../../phone/attendees.ts';
import { getSyncMeta, setSyncMeta } from '../../phone/meta.ts';
import type { StoredSession } from '../../phone/rows.ts';
import { fetchAttendees } from '../../phone/api-client.ts';
import { forgetEndedRehearsal } from '../../phone/rehearsal.ts';
import { applyRules, getSession } from '../../phone/session.ts';

export const FIRST_SYNC_PAGE = 2500;
export const DELTA_PAGE = 5000;

export interface SyncProgress {
  received: number;
  /** Best estimate of the whole download (exact when the server sends a total). */
  expected: number;
  done: boolean;
}

export async function syncAttendees(
  session: StoredSession,
  onProgress: (p: SyncProgress) => void = () => {},
): Promise<{ received: number; rulesChanged: boolean }> {
  let { cursor } = await getSyncMeta();
  const first = cursor === null;
  const limit = first ? FIRST_SYNC_PAGE : DELTA_PAGE;
  let received = 0;
  let rulesChanged = false;
  // The stored row, not the caller's copy: an earlier sync may have brought newer rules.
  // A session from before rules versions (or an older server) asks with 0, so it gets them once.
  let rulesVersion = (await getSession())?.rules_version ?? 0;
  let serverTime: string | null = null;
  for (;;) {
    const page = await fetchAttendees(session, cursor, limit, rulesVersion);
    if (page.rules && page.rules_version !== undefined) {
      await applyRules(session.token, page.rules, page.rules_version);
      rulesVersion = page.rules_version;
      rulesChanged = true;
    }
    await applyAttendees(page.attendees);
    received += page.attendees.length;
    cursor = page.next_cursor;
    await setSyncMeta({ cursor, lastSyncAt: page.server_time });
    serverTime = page.server_time;
    const expected = page.total ?? received + (page.has_more ? limit : 0);
    onProgress({ received, expected: Math.max(expected, received), done: !page.has_more });
    if (!page.has_more) break;
  }
  const current = await getSession();
  if (current?.token === session.token && serverTime) await forgetEndedRehearsal(current, new Date(serverTime));
  return { received, rulesChanged };
}

export { countAttendees };
