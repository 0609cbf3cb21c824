// Small named values: the delta-sync cursor and when the list was last synced.
import { database, type FastCheckDb } from './database.ts';

export interface SyncMeta {
  cursor: string | null;
  lastSyncAt: string | null;
}

export async function getSyncMeta(db: FastCheckDb = database()): Promise<SyncMeta> {
  const [cursor, last] = await db.meta.bulkGet(['cursor', 'last_sync_at']);
  return { cursor: cursor?.value ?? null, lastSyncAt: last?.value ?? null };
}

export async function setSyncMeta(meta: { cursor: string; lastSyncAt: string }, db: FastCheckDb = database()): Promise<void> {
  await db.meta.bulkPut([
    { key: 'cursor', value: meta.cursor },
    { key: 'last_sync_at', value: meta.lastSyncAt },
  ]);
}
