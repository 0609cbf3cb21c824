// sync_runs: one row per Tickera sync. The partial unique index lets at most one run per
// event be `running`; progress columns are written while it runs so any instance can
// report it, and the outcome (counts, time split, error) when it ends.
import { and, desc, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { syncRuns } from '../schema.ts';

export type SyncRunRow = typeof syncRuns.$inferSelect;

/** Starts a run; undefined when the event already has one running. */
export async function insertRunningSync(db: DbOrTx, eventId: string, trigger: string, startedAt: Date): Promise<SyncRunRow | undefined> {
  const rows = await db.insert(syncRuns).values({ eventId, trigger, startedAt, status: 'running' }).onConflictDoNothing().returning();
  return rows[0];
}

export async function updateSyncProgress(db: DbOrTx, id: string, p: { pages: number; records: number; total: number | null }): Promise<void> {
  await db
    .update(syncRuns)
    .set(p)
    .where(and(eq(syncRuns.id, id), eq(syncRuns.status, 'running')));
}

export interface SyncOutcome {
  status: 'succeeded' | 'failed';
  finishedAt: Date;
  pages: number;
  records: number;
  total: number | null;
  inserted?: number;
  updated?: number;
  revoked?: number;
  tickeraMs: number;
  ownMs: number;
  error?: string;
}

export async function finishSync(db: DbOrTx, id: string, o: SyncOutcome): Promise<void> {
  await db
    .update(syncRuns)
    .set({ ...o, inserted: o.inserted ?? 0, updated: o.updated ?? 0, revoked: o.revoked ?? 0, error: o.error ?? null })
    .where(eq(syncRuns.id, id));
}

export async function findSyncRun(db: DbOrTx, eventId: string, id: string): Promise<SyncRunRow | undefined> {
  const rows = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.id, id), eq(syncRuns.eventId, eventId)));
  return rows[0];
}

export async function latestSyncRun(db: DbOrTx, eventId: string): Promise<SyncRunRow | undefined> {
  const rows = await db.select().from(syncRuns).where(eq(syncRuns.eventId, eventId)).orderBy(desc(syncRuns.startedAt)).limit(1);
  return rows[0];
}

/** Runs left `running` by a process that died: failed, so the event can sync again. */
export async function failAbandonedSyncs(db: DbOrTx, startedBefore: Date, finishedAt: Date): Promise<number> {
  const rows = await db
    .update(syncRuns)
    .set({ status: 'failed', finishedAt, error: 'abandoned: the server stopped during this sync' })
    .where(and(eq(syncRuns.status, 'running'), lt(syncRuns.startedAt, startedBefore)))
    .returning({ id: syncRuns.id });
  return rows.length;
}
