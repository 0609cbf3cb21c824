// The lifecycle-aware sync schedule, as a pure function: from an event's cached UTC
// window, the time now and the last sync, when the next sync is due (or null: stop).
// Rarely far ahead, more often as doors near, often during, once after the end.

export interface SyncCadence {
  /** Until `dayBeforeMs` before the start. */
  farMs: number;
  /** From `dayBeforeMs` before the start until `nearMs` before. */
  dayBeforeMs: number;
  dayBeforeEveryMs: number;
  /** From `nearMs` before the start until the start. */
  nearMs: number;
  nearEveryMs: number;
  /** Between start and end. */
  duringEveryMs: number;
  /** One last sync this long after the end, then none. */
  afterEndMs: number;
  /** The end when the event has none. */
  defaultLengthMs: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

export const defaultCadence: SyncCadence = {
  farMs: 6 * HOUR,
  dayBeforeMs: 24 * HOUR,
  dayBeforeEveryMs: HOUR,
  nearMs: 2 * HOUR,
  nearEveryMs: 10 * MIN,
  duringEveryMs: 2 * MIN,
  afterEndMs: 15 * MIN,
  defaultLengthMs: 6 * HOUR,
};

export interface EventWindow {
  startsAt: Date | null;
  endsAt: Date | null;
}

/**
 * The next sync time, never before `now`; null when there is nothing left to do (no
 * start known, or the after-end sync has happened). Never synced → due now.
 */
export function nextSyncAt(window: EventWindow, now: Date, lastSync: Date | null, cadence: SyncCadence = defaultCadence): Date | null {
  if (!window.startsAt) return null;
  const start = window.startsAt.getTime();
  const end = window.endsAt?.getTime() ?? start + cadence.defaultLengthMs;
  const finalSync = end + cadence.afterEndMs;
  if (lastSync && lastSync.getTime() >= finalSync) return null;
  if (!lastSync) return now;
  const last = lastSync.getTime();
  const segments: Array<{ from: number; to: number; every: number }> = [
    { from: Number.NEGATIVE_INFINITY, to: start - cadence.dayBeforeMs, every: cadence.farMs },
    { from: start - cadence.dayBeforeMs, to: start - cadence.nearMs, every: cadence.dayBeforeEveryMs },
    { from: start - cadence.nearMs, to: start, every: cadence.nearEveryMs },
    { from: start, to: end, every: cadence.duringEveryMs },
  ];
  let next = finalSync;
  for (const s of segments) {
    // The first moment in this segment that is at least `every` after the last sync.
    const t = Math.max(last + s.every, s.from);
    if (t < s.to) next = Math.min(next, t);
  }
  return new Date(Math.max(next, now.getTime()));
}
