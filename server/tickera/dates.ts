// Reading Tickera's localised, timezone-less date strings ("July 10, 2026 6:00 pm",
// "8th March 2017 12:15 am", "10/07/2026 18:00") as UTC instants, given the site's zone
// from /wp-json/. Anything not readable unambiguously asks the organiser to confirm.
import { isValidIanaZone, wallClockToUtcMs } from '../../shared/zoned-time.ts';

export { isValidIanaZone };

export interface SiteZone {
  /** IANA name from WordPress `timezone_string` (may be empty on sites set to a fixed offset). */
  iana?: string;
  /** WordPress `gmt_offset`, in hours (may be fractional, e.g. 5.5). */
  offsetHours?: number;
}

export type DateReading = { kind: 'exact'; at: Date } | { kind: 'needs_confirmation'; reason: string; candidates: Date[] };

interface Wall {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
}

const monthNames: Record<string, number> = {};
const monthLists = [
  'january february march april may june july august september october november december', // en
  'januari februari maart april mei juni juli augustus september oktober november december', // nl
  'januar februar märz april mai juni juli august september oktober november dezember', // de
  'janvier février mars avril mai juin juillet août septembre octobre novembre décembre', // fr
  'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre', // es
  'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre', // it
];
for (const list of monthLists) {
  list.split(' ').forEach((name, i) => {
    monthNames[name] = i + 1;
    if (name.length > 3) monthNames[name.slice(0, 3)] = i + 1;
  });
}
monthNames.sept = 9;
monthNames.mrt = 3;
monthNames.okt = 10;

/** A wall-clock time in the site's zone as a UTC instant; undefined when the zone is unknown. */
export function wallToUtc(wall: Wall, zone: SiteZone): Date | undefined {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  if (zone.iana && isValidIanaZone(zone.iana)) {
    return new Date(wallClockToUtcMs(asUtc, zone.iana));
  }
  if (zone.offsetHours !== undefined) return new Date(asUtc - zone.offsetHours * 3_600_000);
  return undefined;
}

const timeRe = /(\d{1,2})[:.h](\d{2})(?::\d{2})?\s*([ap])\.?\s*m\.?(?![a-z])|(\d{1,2})[:.h](\d{2})(?::\d{2})?/i;

function readTime(s: string): { hour: number; minute: number; rest: string } | undefined {
  const m = timeRe.exec(s);
  if (!m) return undefined;
  const rest = `${s.slice(0, m.index)} ${s.slice(m.index + m[0].length)}`;
  if (m[1] !== undefined) {
    let hour = Number(m[1]);
    if (hour < 1 || hour > 12) return undefined;
    if (hour === 12) hour = 0;
    if (m[3]!.toLowerCase() === 'p') hour += 12;
    return { hour, minute: Number(m[2]), rest };
  }
  const hour = Number(m[4]);
  if (hour > 23) return undefined;
  return { hour, minute: Number(m[5]), rest };
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

type Ymd = { year: number; month: number; day: number };

/** Numeric dates first (so "10.07.2026" is not mistaken for a time), returning what is left. */
function readNumericDate(t: string): { dates: Ymd[]; rest: string } | undefined {
  let m = /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(t);
  if (m) return { dates: [{ year: +m[1]!, month: +m[2]!, day: +m[3]! }], rest: t.replace(m[0], ' ') };
  m = /(\d{1,2})([-/.])(\d{1,2})\2(\d{4})/.exec(t);
  if (!m) return undefined;
  const [a, sep, b, year] = [+m[1]!, m[2], +m[3]!, +m[4]!];
  const rest = t.replace(m[0], ' ');
  // Dotted and dashed numeric dates are day-first in every WordPress locale that uses them.
  if (sep !== '/') return { dates: [{ year, month: b, day: a }], rest };
  const dates = [];
  if (validDay(year, a, b)) dates.push({ year, month: a, day: b });
  if (a !== b && validDay(year, b, a)) dates.push({ year, month: b, day: a });
  return { dates, rest };
}

/** A date written with a month name, in any of the languages above. */
function readWordDate(t: string): Ymd[] {
  const words = t
    .toLowerCase()
    .split(/[\s,]+/)
    .map((w) => w.replace(/\.$/, ''));
  const month = words.map((w) => monthNames[w]).find((v) => v !== undefined);
  const year = words.map((w) => (/^\d{4}$/.test(w) ? +w : undefined)).find((v) => v !== undefined);
  const day = words
    .map((w) => /^(\d{1,2})(st|nd|rd|th|er|e|ste|de)?$/.exec(w))
    .map((r) => (r ? +r[1]! : undefined))
    .find((v) => v !== undefined);
  return month && year && day ? [{ year, month, day }] : [];
}

/**
 * Reads `event_date_time` in the site's zone. Exact only when the date has one meaning,
 * a time is present and the zone is known; otherwise the candidates are offered for
 * the organiser to confirm.
 */
export function readTickeraDate(input: string, zone: SiteZone): DateReading {
  const s = input.trim();
  if (!s || s === 'N/A') return { kind: 'needs_confirmation', reason: 'Tickera sent no event date', candidates: [] };
  const numeric = readNumericDate(s);
  const time = readTime(numeric ? numeric.rest : s);
  const dates = (numeric ? numeric.dates : readWordDate(time ? time.rest : s)).filter((d) => validDay(d.year, d.month, d.day));
  if (dates.length === 0) return { kind: 'needs_confirmation', reason: `could not read the date "${s}"`, candidates: [] };
  const hour = time?.hour ?? 0;
  const minute = time?.minute ?? 0;
  const known = zone.iana !== undefined || zone.offsetHours !== undefined;
  const candidates = dates.map((d) => wallToUtc({ ...d, hour, minute }, known ? zone : { offsetHours: 0 })!);
  if (!time) return { kind: 'needs_confirmation', reason: `"${s}" has no time of day`, candidates };
  if (dates.length > 1) return { kind: 'needs_confirmation', reason: `"${s}" could be day-first or month-first`, candidates };
  if (!known) return { kind: 'needs_confirmation', reason: "the site's timezone is unknown (its /wp-json/ index did not answer)", candidates };
  return { kind: 'exact', at: candidates[0]! };
}
