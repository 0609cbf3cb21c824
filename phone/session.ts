// The signed-in gate: token, event setup and the entrance this phone scans at. One row
// (key "current"); signing out clears it together with every other table.
import type { MobileLoginResponse } from '../shared/protocol/login.ts';
import { database, type FastCheckDb } from './database.ts';
import type { StoredSession } from './rows.ts';

export async function getSession(db: FastCheckDb = database()): Promise<StoredSession | undefined> {
  return db.session.get('current');
}

export async function saveSession(login: MobileLoginResponse, server: string, db: FastCheckDb = database()): Promise<StoredSession> {
  const session: StoredSession = {
    ...login,
    key: 'current',
    server,
    scanning_entrance_id: login.entrance_id,
    signed_in_at: new Date().toISOString(),
  };
  await db.session.put(session);
  return session;
}

export async function chooseEntrance(entranceId: string, db: FastCheckDb = database()): Promise<void> {
  await db.session.update('current', { scanning_entrance_id: entranceId });
}

/** Forgets the gate and everything cached for it. Callers check the outbox first. */
export async function clearDevice(db: FastCheckDb = database()): Promise<void> {
  await db.transaction('rw', [db.session, db.attendees, db.scans, db.outbox, db.meta, db.conflicts], async () => {
    await Promise.all([db.session.clear(), db.attendees.clear(), db.scans.clear(), db.outbox.clear(), db.meta.clear(), db.conflicts.clear()]);
  });
}
