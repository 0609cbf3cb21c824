// "Doors open at 17:00": when an event's doors open, on the venue's clock. The same rule
// the doors decide by (shared/verdict.ts eventDoorsOpen), so what the organiser reads is
// what the phones do.
import { eventDoorsOpen, formatClock } from '../../shared/verdict.ts';

export interface DoorsOpenInput {
  starts_at: string | null;
  doors_open_minutes_before: number;
  timezone: string;
}

/** "Doors open at 17:00 (Europe/Berlin), 2 h before the start", or null without a start. */
export function doorsOpenLine(e: DoorsOpenInput): string | null {
  const opens = eventDoorsOpen({ startsAt: e.starts_at ? new Date(e.starts_at) : null, doorsOpenMinutesBefore: e.doors_open_minutes_before });
  if (!opens) return null;
  return `Doors open at ${formatClock(opens, e.timezone)} (${e.timezone}), ${leadWords(e.doors_open_minutes_before)}`;
}

function leadWords(minutes: number): string {
  if (minutes === 0) return 'at the start';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ');
  return `${parts} before the start`;
}
