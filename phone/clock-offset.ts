// The phone's offset to the server's clock, learned from the server time header of every
// answer (page and service worker alike) and kept in Dexie `meta`, so a service worker that
// restarts, or a page that learned it at sign-in, hands it on. Scan times are the phone's
// clock plus this offset; without one they are the phone's clock (the server corrects uploads).
// Whoever stamps a time applies the offset it measured itself (the page stamps scans, the
// service worker the upload's sent_at): one clock on a phone, but not under Playwright's
// page.clock, which moves the page's Date only.
import { correctTime, nextClockOffset, offsetSample, type ClockOffset } from '../shared/clock-skew.ts';
import { SERVER_TIME_HEADER } from '../shared/protocol/headers.ts';
import { database, type FastCheckDb } from './database.ts';

const META_KEY = 'clock_offset';
let known: ClockOffset | null = null;
let loaded = false;

function parse(value: string | undefined): ClockOffset | null {
  try {
    const v = value ? (JSON.parse(value) as Partial<ClockOffset>) : null;
    return v && Number.isFinite(v.offsetMs) && Number.isFinite(v.roundTripMs) && Number.isFinite(v.learnedAt) ? (v as ClockOffset) : null;
  } catch {
    return null;
  }
}

/** Learns from one exchange: `sentAtMs`/`receivedAtMs` on the phone's clock around the request. */
export async function learnServerTime(headers: Headers, sentAtMs: number, receivedAtMs: number, db: FastCheckDb = database()): Promise<void> {
  const header = headers.get(SERVER_TIME_HEADER);
  if (header === null) return;
  if (!loaded) await clockOffsetMs(db);
  const next = nextClockOffset(known, offsetSample(sentAtMs, receivedAtMs, Number(header)));
  if (next === known || !next) return;
  const before = known;
  known = next;
  // Written when it moved by 100 ms or more: not one IndexedDB write per answer.
  if (before && Math.abs(before.offsetMs - next.offsetMs) < 100) return;
  await db.meta.put({ key: META_KEY, value: JSON.stringify(next) }).catch(() => undefined);
}

/** The offset to add to the phone's clock (0 when never learned). Read from Dexie once per context. */
export async function clockOffsetMs(db: FastCheckDb = database()): Promise<number | null> {
  if (!loaded) {
    const stored = parse((await db.meta.get(META_KEY).catch(() => undefined))?.value);
    // Another context may have learned it first; a newer one in memory wins.
    if (stored && (!known || stored.learnedAt > known.learnedAt)) known = stored;
    loaded = true;
  }
  return known?.offsetMs ?? null;
}

/** The offset this context knows now, without reading Dexie (null before it learned or loaded one). */
export function knownClockOffsetMs(): number | null {
  return known?.offsetMs ?? null;
}

/** For tests: forget what this context knows. */
export function forgetClockOffset(): void {
  known = null;
  loaded = false;
}

/** A scan's time as the phone sends it: its clock plus the known offset, and that offset. */
export async function scanStamp(phoneNow: Date, db: FastCheckDb = database()): Promise<{ scanned_at: string; clock_offset_ms?: number }> {
  const offset = await clockOffsetMs(db);
  return offset === null ? { scanned_at: phoneNow.toISOString() } : { scanned_at: correctTime(phoneNow, offset).toISOString(), clock_offset_ms: offset };
}
