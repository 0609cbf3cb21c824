// This phone installation's own id: a random UUID made the first time it is asked for and
// kept under a `setting:` key, so signing out, clearing the outbox or reloading keeps it (a
// new browser profile is a new installation). The server reuses the device row it names.
import { database, type FastCheckDb } from './database.ts';
import { SETTING_PREFIX } from './device-settings.ts';

const INSTALLATION_ID = `${SETTING_PREFIX}installation_id`;

/** The id, made once; read and written in one transaction so the page and its worker agree. */
export async function installationId(db: FastCheckDb = database()): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const kept = (await db.meta.get(INSTALLATION_ID))?.value;
    if (kept) return kept;
    const made = crypto.randomUUID();
    await db.meta.put({ key: INSTALLATION_ID, value: made });
    return made;
  });
}
