// The span the live chart shows: the event's whole window (its start to its end), stretched
// to any scans outside it; without a start or end, the first to the last scan (or now). The
// bucket grows with the span so a multi-day event still draws a few hundred points.

const MINUTE = 60_000;
/** Bucket lengths in minutes that read well on a clock. */
const BUCKETS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440];
export const MAX_POINTS = 400;

export interface TimelineWindow {
  from: Date;
  to: Date;
  bucketMinutes: number;
}

export function timelineWindow(w: { startsAt: Date | null; endsAt: Date | null; first: Date | null; last: Date | null; now: Date }): TimelineWindow {
  const t = (d: Date | null) => (d ? d.getTime() : null);
  const lastScanEnd = w.last ? w.last.getTime() + MINUTE : null;
  const starts = [t(w.startsAt), t(w.first)].filter((x): x is number => x !== null);
  const ends = [t(w.endsAt), lastScanEnd].filter((x): x is number => x !== null);
  const now = w.now.getTime();
  let from = starts.length ? Math.min(...starts) : now - 60 * MINUTE;
  let to = ends.length ? Math.max(...ends) : now;
  // An open-ended event that is still going runs up to now.
  if (w.endsAt === null) to = Math.max(to, Math.min(now, from + 7 * 24 * 60 * MINUTE));
  from = Math.floor(from / MINUTE) * MINUTE;
  to = Math.max(Math.ceil(to / MINUTE) * MINUTE, from + 10 * MINUTE);
  const span = (to - from) / MINUTE;
  const bucketMinutes = BUCKETS.find((b) => span / b <= MAX_POINTS) ?? BUCKETS[BUCKETS.length - 1];
  return { from: new Date(from), to: new Date(to), bucketMinutes };
}
