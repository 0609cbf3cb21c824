// Live progress of the sync runs this process is executing, readable while they run
// (the GET and SSE routes overlay it on the sync_runs row, which is flushed periodically
// for other instances), and the wall-clock split between waiting on Tickera and our work.

export interface SyncProgress {
  eventId: string;
  phase: 'fetching' | 'applying' | 'done';
  pages: number;
  records: number;
  total: number | null;
}

const live = new Map<string, SyncProgress>();

export function trackProgress(runId: string, progress: SyncProgress): SyncProgress {
  live.set(runId, progress);
  return progress;
}

export function liveProgress(runId: string): SyncProgress | undefined {
  return live.get(runId);
}

export function forgetProgress(runId: string): void {
  live.delete(runId);
}

/** Wall time during which at least one Tickera request was in flight (concurrent requests count once). */
export function createWaitTracker(now: () => number = () => performance.now()) {
  let inFlight = 0;
  let since = 0;
  let waited = 0;
  return {
    async wrap<T>(fn: () => Promise<T>): Promise<T> {
      if (inFlight++ === 0) since = now();
      try {
        return await fn();
      } finally {
        if (--inFlight === 0) waited += now() - since;
      }
    },
    waitedMs: () => waited + (inFlight > 0 ? now() - since : 0),
  };
}
