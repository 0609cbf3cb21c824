// Wall-clock times in an event's IANA zone ↔ UTC instants. The API speaks UTC ISO; people
// type and read times as the clock on the venue's wall shows them.

import { wallClockToUtcMs, wallParts } from '../../shared/zoned-time.ts';

export { zoneOffsetMs } from '../../shared/zoned-time.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as `YYYY-MM-DDTHH:mm` on the zone's wall clock (for <input type="datetime-local">). */
export function toZonedInput(iso: string | null, zone: string): string {
  if (!iso) return '';
  const p = wallParts(Date.parse(iso), zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * A `YYYY-MM-DDTHH:mm` wall time in the zone as a UTC ISO string, or null when empty or
 * not a time. A time that a DST jump skips moves forward by the jump, as clocks do.
 */
export function fromZonedInput(value: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  return new Date(wallClockToUtcMs(wall, zone)).toISOString().replace('.000Z', 'Z');
}

/** A `YYYY-MM-DDTHH:mm` wall time moved by `ms` (as instants, so a DST change is counted), or '' when not a time. */
export function shiftZonedInput(value: string, zone: string, ms: number): string {
  const at = fromZonedInput(value, zone);
  return at ? toZonedInput(new Date(Date.parse(at) + ms).toISOString(), zone) : '';
}

/** A readable time in the zone, e.g. "Fri 10 Jul 2026, 20:00". */
export function formatInZone(iso: string | null, zone: string, options: { seconds?: boolean } = {}): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  });
}

/** The zones a select offers: the platform's list, with UTC and the browser's own zone. */
export function timeZones(): string[] {
  const browser = browserZone();
  const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', browser, ...list])].sort((a, b) => a.localeCompare(b));
}

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * A clock time in the zone, "20:35" (with seconds: "20:35:07"); the day is added, "Sat 20:35",
 * when it is not the same day on the venue's clock as `today`.
 */
export function formatClock(instant: number | string, zone: string, options: { seconds?: boolean; today?: number } = {}): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant;
  const time = new Date(ms).toLocaleTimeString(undefined, {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  });
  if (options.today === undefined) return time;
  const day = (t: number) => new Date(t).toLocaleDateString('en-GB', { timeZone: zone });
  if (day(ms) === day(options.today)) return time;
  return `${new Date(ms).toLocaleDateString(undefined, { timeZone: zone, weekday: 'short' })} ${time}`;
}
