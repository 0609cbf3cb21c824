// The signed-in gate: token, event setup and the entrance this phone scans at. One row
// (key "current"); signing out clears it together with every other table (but the phone's
// own settings). Signing in
// again to the same event (after the session ended) replaces only this row: the outbox,
// the attendees and the scans stay, and the outbox is uploaded with the new token.
import type { PhoneRules } from '../shared/protocol/attendees-delta.ts';
import type { MobileLoginResponse } from '../shared/protocol/login.ts';
import { database, type FastCheckDb } from './database.ts';
import { SETTING_PREFIX } from './device-settings.ts';
import type { RulesNotice, StoredSession } from './rows.ts';

export async function getSession(db: FastCheckDb = database()): Promise<StoredSession | undefined> {
  return db.session.get('current');
}

export async function saveSession(
  login: MobileLoginResponse,
  server: string,
  db: FastCheckDb = database(),
  deviceName: string | null = null,
): Promise<StoredSession> {
  return db.transaction('rw', db.session, async () => {
    const previous = await db.session.get('current');
    // The same gate again: keep scanning where it did unless the new credential fixes an entrance.
    const kept =
      previous?.event.id === login.event.id && previous.server === server && login.entrances.some((e) => e.id === previous.scanning_entrance_id)
        ? previous.scanning_entrance_id
        : null;
    const session: StoredSession = {
      ...login,
      key: 'current',
      server,
      scanning_entrance_id: login.entrance_id ?? kept,
      signed_in_at: new Date().toISOString(),
      device_name: deviceName,
      ended_at: null,
    };
    await db.session.put(session);
    return session;
  });
}

/** The server refused `token`: the session ends, unless a newer sign-in already replaced it. */
export async function markSessionEnded(token: string, at: Date, db: FastCheckDb = database()): Promise<void> {
  await db.transaction('rw', db.session, async () => {
    const current = await db.session.get('current');
    if (current && current.token === token && !current.ended_at) await db.session.update('current', { ended_at: at.toISOString() });
  });
}

export async function chooseEntrance(entranceId: string, db: FastCheckDb = database()): Promise<void> {
  await db.session.update('current', { scanning_entrance_id: entranceId, rules_notice: null });
}

/** What a door is told when new rules change its own entrance; null when they do not. */
export function rulesNotice(before: StoredSession, rules: PhoneRules): RulesNotice | null {
  const id = before.scanning_entrance_id;
  const was = before.entrances.find((e) => e.id === id);
  if (!id || !was) return null;
  const now = rules.entrances.find((e) => e.id === id);
  if (!now) return { kind: 'entrance_removed', entrance: was.name };
  const key = (ids: string[]) => [...ids].sort().join(',');
  if (key(now.allowed_ticket_type_ids) === key(was.allowed_ticket_type_ids)) return null;
  const names = now.allowed_ticket_type_ids.map((t) => rules.ticket_types.find((x) => x.id === t)?.name ?? null);
  return { kind: 'entrance_admits', entrance: now.name, ticket_types: names };
}

/**
 * New rules from a delta sync replace the ones the phone decides by (the service worker
 * reads this row at every scan). A removed entrance is let go, so the door chooses again.
 * Returns the notice to show, if any.
 */
export async function applyRules(token: string, rules: PhoneRules, version: number, db: FastCheckDb = database()): Promise<RulesNotice | null> {
  return db.transaction('rw', db.session, async () => {
    const current = await db.session.get('current');
    // Signed out or signed in again meanwhile: these rules belong to a session that is gone.
    if (!current || current.token !== token) return null;
    const notice = rulesNotice(current, rules);
    const kept = (id: string | null) => (id && rules.entrances.some((e) => e.id === id) ? id : null);
    await db.session.put({
      ...current,
      ...rules,
      rules_version: version,
      entrance_id: kept(current.entrance_id),
      scanning_entrance_id: kept(current.scanning_entrance_id),
      rules_notice: notice ?? current.rules_notice ?? null,
    });
    return notice;
  });
}

export async function dismissRulesNotice(db: FastCheckDb = database()): Promise<void> {
  await db.session.update('current', { rules_notice: null });
}

/** Forgets the gate and everything cached for it. Callers check the outbox first. */
export async function clearDevice(db: FastCheckDb = database()): Promise<void> {
  await db.transaction('rw', [db.session, db.attendees, db.scans, db.outbox, db.meta, db.conflicts], async () => {
    // The phone's own settings (sound) outlive the gate; everything about the event goes.
    const meta = db.meta.filter((row) => !row.key.startsWith(SETTING_PREFIX)).delete();
    await Promise.all([db.session.clear(), db.attendees.clear(), db.scans.clear(), db.outbox.clear(), meta, db.conflicts.clear()]);
  });
}
