// When will most people be in? From accepted scans per minute over the recent past, the
// time at which `share` (90 %) of the valid tickets are admitted at that rate, with the range
// the recent minutes support. A pure function: `now` is passed in; no clock, no I/O.

export interface ForecastMinute {
  /** Start of the minute, ms since the epoch. */
  at: number;
  /** Admissions (accepted scans) in that minute. */
  accepted: number;
}

export interface ForecastInput {
  /** Per-minute admissions; minutes without any may be left out. Any order. */
  minutes: readonly ForecastMinute[];
  admitted: number;
  total: number;
  now: number;
  /** The event's end (ms), or null when open-ended. */
  endsAt: number | null;
  /** The share that counts as "in"; 0.9 unless said otherwise. */
  share?: number;
}

export type ArrivalForecast =
  | { kind: 'no-tickets' }
  /** Everyone with a valid ticket is in. */
  | { kind: 'all-in' }
  /** The share is already reached. */
  | { kind: 'reached'; share: number }
  /** The event is over before the share was reached. */
  | { kind: 'ended'; share: number; admittedShare: number }
  /** Too few scans in the recent window to say anything honest. */
  | { kind: 'not-enough-scans'; share: number }
  /** Arrivals have (nearly) stopped: fewer than MIN_ADMISSIONS in the window after earlier ones. */
  | { kind: 'stalled'; share: number; recent: number }
  | {
      kind: 'forecast';
      share: number;
      /** When the share is in at the recent mean rate (ms). */
      at: number;
      /** The range the recent minutes support; `latest` null when the rate might be nil. */
      earliest: number;
      latest: number | null;
      /** Admissions per minute (recent mean). */
      perMinute: number;
      /** Admissions still to come until the share is in. */
      remaining: number;
      /** `at` falls after the event's end. */
      afterEnd: boolean;
    };

/** The recent window the rate is taken over. */
export const WINDOW_MINUTES = 15;
/** Below this many admissions in the window, or this few minutes of history, we do not guess. */
export const MIN_ADMISSIONS = 10;
export const MIN_MINUTES = 3;
/** About a 95 % range on the mean rate (normal approximation). */
const Z = 1.96;
const MINUTE = 60_000;

export function arrivalForecast(input: ForecastInput): ArrivalForecast {
  const share = input.share ?? 0.9;
  const { total, admitted, now } = input;
  if (total <= 0) return { kind: 'no-tickets' };
  if (admitted >= total) return { kind: 'all-in' };
  const target = Math.ceil(share * total);
  if (admitted >= target) return { kind: 'reached', share };
  if (input.endsAt !== null && now >= input.endsAt) return { kind: 'ended', share, admittedShare: admitted / total };

  // Whole minutes of the window, the current (partial) one left out: its count is still growing.
  const current = Math.floor(now / MINUTE) * MINUTE;
  const first = Math.min(...input.minutes.filter((m) => m.accepted > 0).map((m) => m.at));
  if (!Number.isFinite(first)) return { kind: 'not-enough-scans', share };
  const from = Math.max(current - WINDOW_MINUTES * MINUTE, Math.floor(first / MINUTE) * MINUTE);
  const n = Math.round((current - from) / MINUTE);
  const counts = new Array<number>(Math.max(n, 0)).fill(0);
  for (const m of input.minutes) {
    const i = Math.floor((m.at - from) / MINUTE);
    if (i >= 0 && i < n) counts[i] += m.accepted;
  }
  const sum = counts.reduce((s, c) => s + c, 0);
  if (n < MIN_MINUTES || sum < MIN_ADMISSIONS) {
    // Few admissions after a busier past say the flow has stopped, not that we lack data.
    return first < from ? { kind: 'stalled', share, recent: sum } : { kind: 'not-enough-scans', share };
  }
  const mean = sum / n;
  const variance = counts.reduce((s, c) => s + (c - mean) ** 2, 0) / (n - 1);
  const margin = (Z * Math.sqrt(variance)) / Math.sqrt(n);
  const remaining = target - admitted;
  const when = (perMinute: number) => now + (remaining / perMinute) * MINUTE;
  const at = when(mean);
  const low = mean - margin;
  return {
    kind: 'forecast',
    share,
    at,
    earliest: when(mean + margin),
    latest: low > 0 ? when(low) : null,
    perMinute: mean,
    remaining,
    afterEnd: input.endsAt !== null && at > input.endsAt,
  };
}
