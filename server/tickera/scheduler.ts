// The sync scheduler service: every tick it reads the connected events, asks the pure
// schedule which are due, and starts their syncs side by side. Each event runs on its own
// schedule; a failing or slow site only ever delays itself. Off when TICKERA_SCHEDULER=off.
import type { AppDeps } from '../app-env.ts';
import { failAbandonedSyncs } from '../db/repos/sync-runs.ts';
import { AppError } from '../http/app-error.ts';
import { defaultCadence, nextSyncAt, type SyncCadence } from './schedule.ts';
import { startSync } from './sync.ts';
import { listConnectedEvents } from '../db/repos/tickera-events.ts';

export interface TickeraScheduler {
  /** Starts every due sync; resolves with the event ids started (not waiting for them to finish). */
  tick(): Promise<string[]>;
  /** Resolves when every sync this scheduler started has finished. */
  idle(): Promise<void>;
}

export function createTickeraScheduler(deps: AppDeps, cadence: SyncCadence = defaultCadence): TickeraScheduler {
  const running = new Map<string, Promise<unknown>>();
  return {
    async tick() {
      const now = deps.clock.now();
      const started: string[] = [];
      for (const event of await listConnectedEvents(deps.database.db)) {
        if (running.has(event.id)) continue;
        const next = nextSyncAt(event, now, event.lastRunAt, cadence);
        if (!next || next > now) continue;
        try {
          const { done } = await startSync(deps, event.id, { trigger: 'schedule' });
          running.set(
            event.id,
            done.finally(() => running.delete(event.id)),
          );
          started.push(event.id);
        } catch (err) {
          // Another instance got there first: fine.
          if (err instanceof AppError && err.status === 409) continue;
          deps.logger.warn({ eventId: event.id, error: (err as Error).message }, 'scheduled tickera sync could not start');
        }
      }
      return started;
    },
    async idle() {
      await Promise.all(running.values());
    },
  };
}

export const SCHEDULER_TICK_MS = 30_000;
/** A run still `running` this long after it started belongs to a process that died. */
const ABANDONED_AFTER_MS = 30 * 60_000;

/** The background service registered in server/services.ts. */
export async function tickeraSchedulerService(deps: AppDeps): Promise<() => Promise<void>> {
  if (!deps.config.tickeraScheduler) return async () => {};
  const now = deps.clock.now();
  await failAbandonedSyncs(deps.database.db, new Date(now.getTime() - ABANDONED_AFTER_MS), now);
  const scheduler = createTickeraScheduler(deps);
  let ticking: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    ticking = scheduler.tick().catch((err) => deps.logger.error({ err }, 'tickera scheduler tick failed'));
  }, SCHEDULER_TICK_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await ticking;
    await scheduler.idle();
  };
}
