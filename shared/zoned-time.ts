// Wall-clock times in an IANA zone ↔ UTC instants, with Intl only (no tz database of
// our own). Used by the console (people type venue times) and the Tickera bridge
// (WordPress sends naive local times).

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What the wall clock in `zone` shows at `instant` (ms since the epoch). */
export function wallParts(instant: number, zone: string): WallParts {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(zone).formatToParts(new Date(instant))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out as unknown as WallParts;
}

/** The zone's offset from UTC at an instant, in ms (Amsterdam in summer: +7,200,000). */
export function zoneOffsetMs(instant: number, zone: string): number {
  const p = wallParts(instant, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * A wall-clock time in `zone` (given as if it were UTC: `Date.UTC(y, m-1, d, h, min)`) as
 * the real UTC instant. A time that a DST jump skips moves forward by the jump, as clocks do.
 */
export function wallClockToUtcMs(wallAsUtc: number, zone: string): number {
  const first = wallAsUtc - zoneOffsetMs(wallAsUtc, zone);
  return wallAsUtc - zoneOffsetMs(first, zone);
}

export function isValidIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
