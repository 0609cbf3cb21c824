// The devices board's words, pure: how long ago, how far off a clock is, whether storage is
// protected, and a time on the event's wall clock (the day only when it is not today there).
import type { DeviceBoardRow } from '../../shared/protocol/devices.ts';
import { SKEW_DEADBAND_MS } from '../../shared/clock-skew.ts';
import { wallParts } from '../../shared/zoned-time.ts';

/** "8 s", "4 min", "2 h 5 min", "3 d 2 h". */
export function durationText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** "online", "offline", "revoked", with how long since it was last seen (by the server's clock). */
export function presenceText(row: Pick<DeviceBoardRow, 'status' | 'last_seen_at'>, serverTime: string): string {
  if (row.status === 'revoked') return 'revoked';
  if (!row.last_seen_at) return 'never seen';
  const ago = durationText(Date.parse(serverTime) - Date.parse(row.last_seen_at));
  return row.status === 'online' ? `online · ${ago} ago` : `offline · last seen ${ago} ago`;
}

/** The phone's clock against the server's: skew is server minus phone, so positive means the phone is behind. */
export function skewText(skewMs: number | null): string {
  if (skewMs === null) return '—';
  if (Math.abs(skewMs) < SKEW_DEADBAND_MS) return 'on time';
  return `${durationText(Math.abs(skewMs))} ${skewMs > 0 ? 'slow' : 'fast'}`;
}

export function storageText(storage: DeviceBoardRow['storage']): string {
  if (storage === 'persisted') return 'protected';
  if (storage === 'best_effort') return 'not protected';
  return 'unknown';
}

const twoDigits = (n: number) => String(n).padStart(2, '0');
const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "20:14:03" on the zone's wall clock, "Fri 10 Jul 20:14:03" when that is not `today`'s date there. */
export function clockInZone(iso: string | null, zone: string, today: string): string {
  if (!iso) return '—';
  const p = wallParts(Date.parse(iso), zone);
  const t = wallParts(Date.parse(today), zone);
  const time = `${twoDigits(p.hour % 24)}:${twoDigits(p.minute)}:${twoDigits(p.second)}`;
  if (p.year === t.year && p.month === t.month && p.day === t.day) return time;
  const weekday = days[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()];
  return `${weekday} ${p.day} ${months[p.month - 1]} ${time}`;
}
