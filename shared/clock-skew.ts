// The phone's clock against the server's, pure: how far off a phone is (learned from the
// server time header of each answer), the phone's times put on the server's clock, and the
// rule for a time the server cannot believe (recorded at the receive time, flagged, never refused).
import type { ScanTimeFlag } from './protocol/value-lists.ts';

/** A scan time further ahead than this (on the server's clock, after correction) is not believed. */
export const MAX_SCAN_FUTURE_MS = 10 * 60 * 1000;
/** A scan older than this is not believed: no phone keeps an outbox that long. */
export const MAX_SCAN_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/**
 * A skew measured from an upload's `sent_at` smaller than this is the network's transit time
 * (or what is left over after the phone's own correction), not a wrong clock: it is not applied.
 */
export const SKEW_DEADBAND_MS = 2000;
/** A known offset older than this gives way to any new sample, however slow its round trip. */
export const OFFSET_MAX_AGE_MS = 10 * 60 * 1000;

/** The phone's clock offset: server time minus phone time, learned from one exchange. */
export interface ClockOffset {
  /** Add to the phone's clock to get the server's. */
  offsetMs: number;
  /** The round trip of the exchange it came from: half of it bounds the error. */
  roundTripMs: number;
  /** When it was learned, on the phone's clock (ms since the epoch). */
  learnedAt: number;
}

/**
 * One exchange read NTP-style: the server stamped its answer somewhere between the phone's
 * send and receive, so the midpoint is the best guess of the phone's time at that stamp.
 */
export function offsetSample(sentAtMs: number, receivedAtMs: number, serverTimeMs: number): ClockOffset | null {
  if (!Number.isFinite(serverTimeMs) || serverTimeMs <= 0 || receivedAtMs < sentAtMs) return null;
  const roundTripMs = receivedAtMs - sentAtMs;
  return { offsetMs: Math.round(serverTimeMs - (sentAtMs + roundTripMs / 2)), roundTripMs, learnedAt: receivedAtMs };
}

/**
 * The offset to keep after a new sample: the new one, unless its round trip was much slower
 * than that of a recent estimate (a slow answer says less about the clock than a fast one).
 */
export function nextClockOffset(prev: ClockOffset | null, sample: ClockOffset | null): ClockOffset | null {
  if (!sample) return prev;
  if (!prev) return sample;
  const stale = sample.learnedAt - prev.learnedAt > OFFSET_MAX_AGE_MS || sample.learnedAt < prev.learnedAt;
  if (stale || sample.roundTripMs <= prev.roundTripMs * 2 + 100) return sample;
  return prev;
}

/** A phone time on the server's clock. */
export const correctTime = (phoneTime: Date, offsetMs: number | null): Date => new Date(phoneTime.getTime() + (offsetMs ?? 0));

/** The skew of an upload measured from its `sent_at`, with transit-sized noise taken as none. */
export function uploadSkewMs(serverNow: Date, sentAt: Date): number {
  const skew = serverNow.getTime() - sentAt.getTime();
  return Math.abs(skew) < SKEW_DEADBAND_MS ? 0 : skew;
}

export type ScanTimeJudgement = { at: Date; believable: true } | { at: Date; believable: false; reason: ScanTimeFlag };

/**
 * The time a scan is recorded at: its time on the server's clock when believable, else the
 * server's receive time (the scan is kept and flagged, never refused).
 */
export function judgeScanTime(onServerClock: Date, receivedAt: Date): ScanTimeJudgement {
  const t = onServerClock.getTime();
  const now = receivedAt.getTime();
  if (Number.isNaN(t)) return { at: receivedAt, believable: false, reason: 'past' };
  if (t > now + MAX_SCAN_FUTURE_MS) return { at: receivedAt, believable: false, reason: 'future' };
  if (t < now - MAX_SCAN_AGE_MS) return { at: receivedAt, believable: false, reason: 'past' };
  return { at: onServerClock, believable: true };
}

/** A skew as the audit stores it (int4): a clock off by more than ~24 days is kept at the bound. */
export const storableSkewMs = (ms: number): number => Math.max(-2e9, Math.min(2e9, Math.round(ms)));

/** Where a scan sits in time, as the audit records it. */
export interface ScanTimes {
  /** On the server's clock (what decisions and the audit order use). */
  scannedAt: Date;
  /** The phone's own clock at the scan, uncorrected; null when the phone sent no time. */
  phoneScannedAt: Date | null;
  /** Server minus phone clock at the scan, as stored; null when unknown. */
  clockSkewMs: number | null;
  timeFlag: ScanTimeFlag | null;
}

/**
 * An online scan is judged at the server's own time, whatever the phone says; its skew is
 * measured directly from the phone's raw time, and a phone time the server cannot believe even
 * corrected is flagged (the phone's offset estimate is wrong or missing).
 */
export function onlineScanTimes(receivedAt: Date, scannedAt: Date | null, phoneOffsetMs: number | null): ScanTimes {
  if (!scannedAt) return { scannedAt: receivedAt, phoneScannedAt: null, clockSkewMs: null, timeFlag: null };
  const phoneScannedAt = correctTime(scannedAt, -(phoneOffsetMs ?? 0));
  const judged = judgeScanTime(scannedAt, receivedAt);
  return {
    scannedAt: receivedAt,
    phoneScannedAt,
    clockSkewMs: storableSkewMs(receivedAt.getTime() - phoneScannedAt.getTime()),
    timeFlag: judged.believable ? null : judged.reason,
  };
}

/**
 * An uploaded scan: the phone's (already corrected) time moved by what the upload's `sent_at`
 * shows is still off, then judged; an unbelievable one is recorded at the receive time.
 */
export function uploadedScanTimes(receivedAt: Date, residualSkewMs: number, scannedAt: Date, phoneOffsetMs: number | null): ScanTimes {
  const judged = judgeScanTime(correctTime(scannedAt, residualSkewMs), receivedAt);
  return {
    scannedAt: judged.at,
    phoneScannedAt: correctTime(scannedAt, -(phoneOffsetMs ?? 0)),
    clockSkewMs: storableSkewMs((phoneOffsetMs ?? 0) + residualSkewMs),
    timeFlag: judged.believable ? null : judged.reason,
  };
}
