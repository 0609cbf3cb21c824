// Every few seconds, folds the live counters' rows of differences (one per check-in, drizzle/0022)
// into one row per count, so reading a count sums a few rows however long the event runs. A fold
// deletes only the rows it sums: check-ins recorded meanwhile never wait on it and are never lost.
import type { AppDeps } from '../app-env.ts';
import { foldCounts } from '../db/repos/stats.ts';

export const FOLD_EVERY_MS = 5_000;

export async function startCountFolding(deps: Pick<AppDeps, 'database' | 'logger'>): Promise<() => Promise<void>> {
  let running: Promise<void> | null = null;
  const fold = () => {
    running ??= foldCounts(deps.database.db)
      .catch((err) => deps.logger.warn({ err }, 'folding live counters failed; will try again'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(fold, FOLD_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
