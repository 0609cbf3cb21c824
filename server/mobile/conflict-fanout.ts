// The cross-instance fan-out of conflict nudges, beside the stats one (server/stats/fanout.ts):
// a conflict recorded here (bus `conflicts.recorded`) is announced with Postgres NOTIFY on its
// own channel (payload: the event id), and every NOTIFY, this instance's own included, is
// re-published on the local bus as `conflicts.changed`, which the phones' streams follow.
// Conflicts are rare, so there is no throttle: one NOTIFY per recording transaction.
import type { AppDeps } from '../app-env.ts';
import { CONFLICTS_RECORDED_TOPIC, type CheckInsRecorded } from '../checkin/events.ts';

export const CONFLICTS_CHANNEL = 'fastcheck_conflicts';
export const CONFLICTS_CHANGED_TOPIC = 'conflicts.changed';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function startConflictFanout(deps: AppDeps): Promise<() => Promise<void>> {
  const unlisten = await deps.database.listen(CONFLICTS_CHANNEL, (payload) => {
    if (UUID.test(payload)) deps.bus.publish(CONFLICTS_CHANGED_TOPIC, { eventId: payload } satisfies CheckInsRecorded);
  });
  const unsubscribe = deps.bus.subscribe<CheckInsRecorded>(CONFLICTS_RECORDED_TOPIC, ({ eventId }) => {
    deps.database.notify(CONFLICTS_CHANNEL, eventId).catch((err) => deps.logger.warn({ err }, 'conflicts NOTIFY failed'));
  });
  return async () => {
    unsubscribe();
    await unlisten();
  };
}
