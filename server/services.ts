// Background services main.ts starts beside the HTTP server (schedulers, fan-out).
// Each returns a stop function; stopping runs them in reverse.
import type { AppDeps } from './app-env.ts';
import { tickeraSchedulerService } from './tickera/scheduler.ts';
import { tickeraWritebackService } from './tickera/writeback.ts';
import { startStatsFanout } from './stats/fanout.ts';
import { startCountFolding } from './stats/fold-counts-service.ts';
import { startConflictFanout } from './mobile/conflict-fanout.ts';

type Service = (deps: AppDeps) => Promise<() => Promise<void>>;

/** Add services here. */
const services: Service[] = [startStatsFanout, startCountFolding, startConflictFanout, tickeraSchedulerService, tickeraWritebackService];

export async function startServices(deps: AppDeps): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = [];
  for (const start of services) stops.push(await start(deps));
  return async () => {
    for (const stop of stops.reverse()) await stop().catch((err) => deps.logger.error({ err }, 'service stop failed'));
  };
}
