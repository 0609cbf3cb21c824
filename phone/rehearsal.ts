// Rehearsal admissions, kept apart from the real ones: a ticket rehearsed at a door is
// "used" only here, so the rehearsal can say "already checked in" to a second scan while
// the real list, the scans table and the outbox never hear of it. One meta row per event;
// it goes once the door sees the rehearsal over (next scan or sync), or with the gate on
// sign-out like every other event row.
import { rehearsalActive } from '../shared/rehearsal.ts';
import { database, type FastCheckDb } from './database.ts';
import type { StoredSession } from './rows.ts';

/** The signed-in door is rehearsing at `at`, by the rules it last synced and its own clock. */
export function sessionRehearsing(session: Pick<StoredSession, 'event'>, at: Date): boolean {
  const e = session.event;
  return rehearsalActive(
    { rehearsal: e.rehearsal === true, startsAt: e.starts_at ? new Date(e.starts_at) : null, doorsOpenMinutesBefore: e.doors_open_minutes_before },
    at,
  );
}

export interface RehearsalAdmission {
  checkins_used: number;
  inside: boolean;
  scanned_at: string;
  entrance_id: string | null;
}

const rowKey = (eventId: string) => `rehearsal:${eventId}`;

async function readAll(eventId: string, db: FastCheckDb): Promise<Record<string, RehearsalAdmission>> {
  const row = await db.meta.get(rowKey(eventId));
  return row ? (JSON.parse(row.value) as Record<string, RehearsalAdmission>) : {};
}

export async function rehearsalAdmission(eventId: string, code: string, db: FastCheckDb = database()): Promise<RehearsalAdmission | undefined> {
  return (await readAll(eventId, db))[code];
}

export async function keepRehearsalAdmission(eventId: string, code: string, admission: RehearsalAdmission, db: FastCheckDb = database()): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const all = await readAll(eventId, db);
    all[code] = admission;
    await db.meta.put({ key: rowKey(eventId), value: JSON.stringify(all) });
  });
}

/**
 * Once the door is no longer rehearsing (doors opened, or the organiser switched it off),
 * its rehearsal admissions are never read again: they go. A read when there is nothing to
 * forget, so a scan pays no write for it.
 */
export async function forgetEndedRehearsal(session: Pick<StoredSession, 'event'>, at: Date, db: FastCheckDb = database()): Promise<boolean> {
  if (sessionRehearsing(session, at)) return false;
  const key = rowKey(session.event.id);
  if (!(await db.meta.get(key))) return false;
  await db.meta.delete(key);
  return true;
}
