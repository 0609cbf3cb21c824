// The stats of one event, as GET /api/v1/events/:id/stats and the SSE stream send them.
import type { EventStats } from '../../shared/protocol/stats.ts';
import type { AppDeps } from '../app-env.ts';
import { entranceCounts, openConflicts, scansPerMinute, ticketTypeCounts } from '../db/repos/stats.ts';

export async function eventStats(deps: Pick<AppDeps, 'database' | 'clock'>, eventId: string): Promise<EventStats> {
  const now = deps.clock.now();
  const db = deps.database.db;
  const [types, entrances, conflicts, minutes] = await Promise.all([
    ticketTypeCounts(db, eventId),
    entranceCounts(db, eventId),
    openConflicts(db, eventId),
    scansPerMinute(db, eventId, new Date(now.getTime() - 60 * 60 * 1000)),
  ]);
  const sum = (k: 'admitted' | 'total' | 'inside') => types.reduce((s, t) => s + t[k], 0);
  return {
    event_id: eventId,
    generated_at: now.toISOString(),
    total: sum('total'),
    admitted: sum('admitted'),
    inside: sum('inside'),
    conflicts,
    by_ticket_type: types.map(({ inside: _inside, ...t }) => t),
    by_entrance: entrances,
    scans_per_minute: minutes,
  };
}
