import { describe, expect, it } from 'vitest';
import {
  correctTime,
  judgeScanTime,
  MAX_SCAN_AGE_MS,
  MAX_SCAN_FUTURE_MS,
  nextClockOffset,
  offsetSample,
  onlineScanTimes,
  storableSkewMs,
  uploadedScanTimes,
  uploadSkewMs,
  type ClockOffset,
} from './clock-skew.ts';

const MIN = 60_000;
const T = Date.parse('2026-07-10T19:00:00.000Z');
const d = (ms: number) => new Date(T + ms);

describe('offsetSample: the server stamp is read against the midpoint of the round trip', () => {
  it.each([
    { name: 'phone 15 min fast, 100 ms round trip', sent: T + 15 * MIN, received: T + 15 * MIN + 100, server: T + 50, offset: -15 * MIN, rtt: 100 },
    { name: 'phone 5 min slow, 40 ms round trip', sent: T - 5 * MIN, received: T - 5 * MIN + 40, server: T + 20, offset: 5 * MIN, rtt: 40 },
    { name: 'clocks agree, instant answer', sent: T, received: T, server: T, offset: 0, rtt: 0 },
    { name: 'a slow answer: error bounded by half of it', sent: T, received: T + 3000, server: T + 500, offset: -1000, rtt: 3000 },
  ])('$name', ({ sent, received, server, offset, rtt }) => {
    expect(offsetSample(sent, received, server)).toEqual({ offsetMs: offset, roundTripMs: rtt, learnedAt: received });
  });

  it.each([
    { name: 'no header (NaN)', server: Number.NaN },
    { name: 'zero', server: 0 },
    { name: 'negative', server: -5 },
  ])('$name gives no sample', ({ server }) => {
    expect(offsetSample(T, T + 10, server)).toBeNull();
  });

  it('a receive before the send (the phone clock jumped) gives no sample', () => {
    expect(offsetSample(T, T - 1, T)).toBeNull();
  });
});

describe('nextClockOffset keeps the estimate from the fastest recent exchange', () => {
  const known: ClockOffset = { offsetMs: -900_000, roundTripMs: 80, learnedAt: T };
  it.each([
    { name: 'nothing known: the sample', prev: null, sample: { offsetMs: 5, roundTripMs: 900, learnedAt: T }, keep: 'sample' },
    { name: 'no sample: what was known', prev: known, sample: null, keep: 'prev' },
    { name: 'a comparable round trip: the newer', prev: known, sample: { offsetMs: -899_990, roundTripMs: 200, learnedAt: T + 1000 }, keep: 'sample' },
    {
      name: 'a much slower round trip soon after: the older',
      prev: known,
      sample: { offsetMs: -898_000, roundTripMs: 4000, learnedAt: T + 1000 },
      keep: 'prev',
    },
    {
      name: 'a much slower round trip but the older is stale: the newer',
      prev: known,
      sample: { offsetMs: -898_000, roundTripMs: 4000, learnedAt: T + 11 * MIN },
      keep: 'sample',
    },
    {
      name: 'a sample from before the known one (clock set back): the newer',
      prev: known,
      sample: { offsetMs: 0, roundTripMs: 4000, learnedAt: T - 15 * MIN },
      keep: 'sample',
    },
  ] as const)('$name', ({ prev, sample, keep }) => {
    expect(nextClockOffset(prev, sample)).toBe(keep === 'prev' ? prev : sample);
  });
});

describe('correction and the believable-time rule', () => {
  it.each([
    { offset: -15 * MIN, phone: 15 * MIN, server: 0 },
    { offset: 5 * MIN, phone: -5 * MIN, server: 0 },
    { offset: null, phone: 1234, server: 1234 },
  ])('correctTime($offset)', ({ offset, phone, server }) => {
    expect(correctTime(d(phone), offset)).toEqual(d(server));
  });

  it.each([
    { name: 'now', at: 0, believable: true },
    { name: 'just inside the future bound', at: MAX_SCAN_FUTURE_MS, believable: true },
    { name: 'past the future bound', at: MAX_SCAN_FUTURE_MS + 1, believable: false, reason: 'future' },
    { name: '29 days ago', at: -29 * 24 * 60 * MIN, believable: true },
    { name: 'just inside the age bound', at: -MAX_SCAN_AGE_MS, believable: true },
    { name: 'older than 30 days', at: -MAX_SCAN_AGE_MS - 1, believable: false, reason: 'past' },
  ])('$name', ({ at, believable, reason }) => {
    const j = judgeScanTime(d(at), d(0));
    expect(j.believable).toBe(believable);
    expect(j.at).toEqual(believable ? d(at) : d(0));
    if (!j.believable) expect(j.reason).toBe(reason);
  });

  it('an invalid date is not believed', () => {
    expect(judgeScanTime(new Date(Number.NaN), d(0))).toMatchObject({ believable: false, at: d(0) });
  });

  it.each([
    { name: 'sent_at 15 min fast', sent: 15 * MIN, skew: -15 * MIN },
    { name: 'sent_at 5 min slow', sent: -5 * MIN, skew: 5 * MIN },
    { name: '300 ms of transit', sent: -300, skew: 0 },
    { name: 'just under the deadband', sent: -1999, skew: 0 },
    { name: 'at the deadband', sent: -2000, skew: 2000 },
  ])('uploadSkewMs: $name', ({ sent, skew }) => {
    expect(uploadSkewMs(d(0), d(sent))).toBe(skew);
  });

  it.each([
    { ms: 123.6, stored: 124 },
    { ms: 3e9, stored: 2e9 },
    { ms: -3e9, stored: -2e9 },
  ])('storableSkewMs($ms) = $stored', ({ ms, stored }) => {
    expect(storableSkewMs(ms)).toBe(stored);
  });
});

describe('scan times as the audit records them', () => {
  it.each([
    { name: 'no phone time', scanned: null, offset: null, phoneAt: null, skew: null, flag: null },
    { name: 'a phone 15 min fast, uncorrected', scanned: 15 * MIN, offset: null, phoneAt: 15 * MIN, skew: -15 * MIN, flag: 'future' },
    { name: 'a phone 15 min fast, corrected', scanned: 30, offset: -15 * MIN, phoneAt: 15 * MIN + 30, skew: -15 * MIN - 30, flag: null },
    { name: 'a phone 5 min slow, uncorrected', scanned: -5 * MIN, offset: null, phoneAt: -5 * MIN, skew: 5 * MIN, flag: null },
  ] as const)('online: $name', ({ scanned, offset, phoneAt, skew, flag }) => {
    expect(onlineScanTimes(d(0), scanned === null ? null : d(scanned), offset)).toEqual({
      scannedAt: d(0),
      phoneScannedAt: phoneAt === null ? null : d(phoneAt),
      clockSkewMs: skew,
      timeFlag: flag,
    });
  });

  it.each([
    {
      name: 'uncorrected, sent_at 15 min fast',
      residual: -15 * MIN,
      scanned: 5 * MIN,
      offset: null,
      at: -10 * MIN,
      phoneAt: 5 * MIN,
      skew: -15 * MIN,
      flag: null,
    },
    {
      name: 'corrected by the phone, nothing left',
      residual: 0,
      scanned: -10 * MIN,
      offset: -15 * MIN,
      at: -10 * MIN,
      phoneAt: 5 * MIN,
      skew: -15 * MIN,
      flag: null,
    },
    {
      name: 'corrected, 1 min still off',
      residual: 60_000,
      scanned: -10 * MIN,
      offset: -15 * MIN,
      at: -9 * MIN,
      phoneAt: 5 * MIN,
      skew: -14 * MIN,
      flag: null,
    },
    { name: 'far future even corrected', residual: 0, scanned: 60 * MIN, offset: null, at: 0, phoneAt: 60 * MIN, skew: 0, flag: 'future' },
    { name: 'far past', residual: 0, scanned: -40 * 24 * 60 * MIN, offset: null, at: 0, phoneAt: -40 * 24 * 60 * MIN, skew: 0, flag: 'past' },
  ] as const)('upload: $name', ({ residual, scanned, offset, at, phoneAt, skew, flag }) => {
    expect(uploadedScanTimes(d(0), residual, d(scanned), offset)).toEqual({ scannedAt: d(at), phoneScannedAt: d(phoneAt), clockSkewMs: skew, timeFlag: flag });
  });
});
