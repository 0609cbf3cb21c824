// A sync run as the API shows it: the stored row, overlaid with the live progress when
// this process is the one running it, with the percentage of sold_tickets.
import type { SyncRun } from '../../shared/protocol/tickera.ts';
import type { Db } from '../db/client.ts';
import { findSyncRun, type SyncRunRow } from '../db/repos/sync-runs.ts';
import { liveProgress } from './sync-progress.ts';

export function syncRunView(row: SyncRunRow): SyncRun {
  const live = row.status === 'running' ? liveProgress(row.id) : undefined;
  const pages = live?.pages ?? row.pages;
  const records = live?.records ?? row.records;
  const total = live?.total ?? row.total;
  // 99 at most until the run is applied: fetched is not yet saved.
  const percent = row.status === 'succeeded' ? 100 : total ? Math.min(99, Math.floor((records / total) * 100)) : 0;
  return {
    id: row.id,
    event_id: row.eventId,
    status: row.status,
    trigger: row.trigger,
    started_at: row.startedAt.toISOString(),
    finished_at: row.finishedAt?.toISOString() ?? null,
    pages,
    records,
    total,
    percent,
    inserted: row.inserted,
    updated: row.updated,
    revoked: row.revoked,
    tickera_ms: row.tickeraMs,
    own_ms: row.ownMs,
    error: row.error,
  };
}

export async function readSyncRun(db: Db, eventId: string, runId: string): Promise<SyncRun | undefined> {
  const row = await findSyncRun(db, eventId, runId);
  return row && syncRunView(row);
}
