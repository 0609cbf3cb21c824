// Every few minutes, folds the live counters of database backends that have gone into one row
// per count, so reading a count sums a handful of rows however long the event runs and
// however often the pool replaces connections. Touches no live backend's row: never waits.
import type { AppDeps } from '../app-env.ts';
import { foldCounts } from '../db/repos/stats.ts';

export const FOLD_EVERY_MS = 5 * 60_000;

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
