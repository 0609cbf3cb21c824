// How WordPress writes things: wp_send_json's escaping (`\/`, `\uXXXX`), the
// string-typed values kses leaves behind, and dates in the site's formats.
// Self-contained: it imports no server code (it is what the server's Tickera bridge is tested against).
import { zoneOffsetMs } from '../shared/zoned-time.ts';

/** The simulated site's zone, as WordPress gives it: `timezone_string` or `gmt_offset` hours. */
export interface SiteZone {
  iana?: string;
  offsetHours?: number;
}

/** A UTC instant as wall-clock parts in the site's zone. */
function utcToWall(at: Date, zone: SiteZone) {
  const offset = zone.iana ? zoneOffsetMs(at.getTime(), zone.iana) : (zone.offsetHours ?? 0) * 3_600_000;
  const d = new Date(at.getTime() + offset);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/** JSON as PHP's json_encode writes it by default: slashes and non-ASCII escaped. */
export function phpJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parts(at: Date, zone: SiteZone) {
  const w = utcToWall(at, zone);
  const h12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  return {
    date: `${months[w.month - 1]} ${w.day}, ${w.year}`,
    time: `${h12}:${String(w.minute).padStart(2, '0')} ${w.hour < 12 ? 'am' : 'pm'}`,
  };
}

/** `date_format - time_format` (payment_date, date_checked): "March 6, 2026 - 10:48 pm". */
export function wpDateTime(at: Date, zone: SiteZone): string {
  const p = parts(at, zone);
  return `${p.date} - ${p.time}`;
}

/** `date_format time_format` (event_date_time): "July 10, 2026 6:00 pm". */
export function wpEventDateTime(at: Date, zone: SiteZone): string {
  const p = parts(at, zone);
  return `${p.date} ${p.time}`;
}

/** A PHP microtime difference as Tickera prints it: "0.19922399520874". */
export function executionTime(ms: number): string {
  return (ms / 1000 + Math.random() * 1e-6).toFixed(14).replace(/0+$/, '');
}
