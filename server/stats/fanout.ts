// The cross-instance fan-out: check-ins recorded here are announced with Postgres NOTIFY
// (payload: the event id, at most once per NOTIFY_EVERY_MS per event, the last one of a
// burst always sent), and NOTIFYs from every instance (this one included) are re-published
// on the local bus as `stats.changed`, which the stats hub turns into fresh numbers.
// Behind pgBouncer (PGBOUNCER=true) LISTEN needs DATABASE_DIRECT_URL; without it this
// instance's dashboards see only its own check-ins, and the start says so in one line.
// When the listening connection comes back after an outage, every open dashboard is
// refreshed (NOTIFYs sent meanwhile are lost).
import type { AppDeps } from '../app-env.ts';
import { CHECKINS_RECORDED_TOPIC, type CheckInsRecorded } from '../checkin/events.ts';
import { STATS_CHANGED_TOPIC, STATS_RESYNC_TOPIC } from './hub.ts';

export const CHECKINS_CHANNEL = 'fastcheck_checkins';
export const NOTIFY_EVERY_MS = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The start-up warning when live stats cannot cross instances, or null. */
export function crossInstanceWarning(config: AppDeps['config']): string | null {
  if (!config.databaseUrl || !config.pgbouncer || config.databaseDirectUrl) return null;
  return 'PGBOUNCER=true without DATABASE_DIRECT_URL: live stats and door nudges will not cross instances (LISTEN cannot pass a transaction-mode pgBouncer); set DATABASE_DIRECT_URL to a direct Postgres URL';
}

export async function startStatsFanout(deps: AppDeps): Promise<() => Promise<void>> {
  const warning = crossInstanceWarning(deps.config);
  if (warning) deps.logger.warn(warning);
  const unlisten = await deps.database.listen(
    CHECKINS_CHANNEL,
    (payload) => {
      if (UUID.test(payload)) deps.bus.publish(STATS_CHANGED_TOPIC, { eventId: payload } satisfies CheckInsRecorded);
    },
    {
      onLost: (err) => deps.logger.warn({ err: err.message }, 'live-stats LISTEN connection lost; reconnecting'),
      onRelisten: () => {
        deps.logger.info({ channel: CHECKINS_CHANNEL }, 'live-stats LISTEN connection back: LISTEN again, dashboards refreshed');
        deps.bus.publish(STATS_RESYNC_TOPIC, {});
      },
    },
  );
  // Per event: a quiet period after each NOTIFY; changes inside it ask for one more at its end.
  const quiet = new Map<string, { timer: NodeJS.Timeout; again: boolean }>();
  const send = (eventId: string) => void deps.database.notify(CHECKINS_CHANNEL, eventId).catch((err) => deps.logger.warn({ err }, 'stats NOTIFY failed'));
  const arm = (eventId: string) => {
    const timer = setTimeout(() => {
      const again = quiet.get(eventId)?.again;
      quiet.delete(eventId);
      if (again) announce(eventId);
    }, NOTIFY_EVERY_MS);
    quiet.set(eventId, { timer, again: false });
  };
  const announce = (eventId: string) => {
    const q = quiet.get(eventId);
    if (q) {
      q.again = true;
      return;
    }
    send(eventId);
    arm(eventId);
  };
  const unsubscribe = deps.bus.subscribe<CheckInsRecorded>(CHECKINS_RECORDED_TOPIC, ({ eventId }) => announce(eventId));

  return async () => {
    unsubscribe();
    for (const q of quiet.values()) clearTimeout(q.timer);
    await unlisten();
  };
}
