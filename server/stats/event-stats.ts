// The stats of one event, as GET /api/v1/events/:id/stats and the SSE stream send them:
// counts from the trigger-kept counters (conflicts: the inbox's open cases, counted on
// indexes), the chart over the event's whole window, and the last attempts (one
// short backward scan of the audit's (event_id, id) index).
import { RECENT_ATTEMPTS, recentAttemptSchema, type EventStats } from '../../shared/protocol/stats.ts';
import { zoneOffsetMs } from '../../shared/zoned-time.ts';
import type { AppDeps } from '../app-env.ts';
import { auditRow } from '../checkin/audit-log.ts';
import { listCheckIns } from '../db/repos/check-ins.ts';
import { getEvent } from '../db/repos/events.ts';
import { openCaseCount } from '../db/repos/conflict-inbox.ts';
import { entranceCounts, scanSpan, scanTimeline, scansPerMinute, ticketTypeCounts } from '../db/repos/stats.ts';
import { notFound } from '../http/app-error.ts';
import { timelineWindow } from './timeline-window.ts';

export async function eventStats(deps: Pick<AppDeps, 'database' | 'clock'>, eventId: string): Promise<EventStats> {
  const now = deps.clock.now();
  const db = deps.database.db;
  const [event, span, types, entrances, conflicts, minutes, recent] = await Promise.all([
    getEvent(db, eventId),
    scanSpan(db, eventId),
    ticketTypeCounts(db, eventId),
    entranceCounts(db, eventId),
    openCaseCount(db, eventId),
    scansPerMinute(db, eventId, new Date(now.getTime() - 60 * 60 * 1000)),
    listCheckIns(db, eventId, { limit: RECENT_ATTEMPTS }),
  ]);
  if (!event) throw notFound('Event');
  const window = timelineWindow({ startsAt: event.startsAt, endsAt: event.endsAt, first: span.first, last: span.last, now });
  const points = await scanTimeline(db, eventId, window.from, window.to, window.bucketMinutes, zoneOffsetMs(window.from.getTime(), event.timezone));
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
    timezone: event.timezone,
    starts_at: event.startsAt?.toISOString() ?? null,
    ends_at: event.endsAt?.toISOString() ?? null,
    timeline: { from: window.from.toISOString(), to: window.to.toISOString(), bucket_minutes: window.bucketMinutes, points },
    // The audit row's own mapping, trimmed to the feed's fields.
    recent: recent.map((r) => recentAttemptSchema.parse(auditRow(r))),
  };
}
