import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ForecastInput, type ForecastMinute, MIN_ADMISSIONS, WINDOW_MINUTES, arrivalForecast } from './arrival-forecast.ts';

const MIN = 60_000;
const NOW = Date.parse('2026-07-10T19:30:30Z');
const CURRENT = Math.floor(NOW / MIN) * MIN;

/** `counts[i]` admissions in the i-th whole minute before the current one (oldest first). */
const minutes = (counts: number[]): ForecastMinute[] => counts.map((accepted, i) => ({ at: CURRENT - (counts.length - i) * MIN, accepted }));
const input = (over: Partial<ForecastInput>): ForecastInput => ({ minutes: [], admitted: 0, total: 1000, now: NOW, endsAt: null, ...over });

describe('arrivalForecast', () => {
  it.each([
    ['no tickets', input({ total: 0 }), 'no-tickets'],
    ['everyone in', input({ admitted: 1000 }), 'all-in'],
    ['90 % already in', input({ admitted: 900 }), 'reached'],
    ['after the end', input({ admitted: 100, endsAt: NOW - 1 }), 'ended'],
    ['no scans at all', input({}), 'not-enough-scans'],
    ['two minutes of scans', input({ minutes: minutes([30, 30]), admitted: 60 }), 'not-enough-scans'],
    ['a trickle since doors opened', input({ minutes: minutes([1, 2, 1, 2, 1]), admitted: 7 }), 'not-enough-scans'],
    ['busy an hour ago, quiet since', input({ minutes: [{ at: CURRENT - 60 * MIN, accepted: 300 }], admitted: 300 }), 'stalled'],
    ['a steady flow', input({ minutes: minutes(Array(15).fill(20)), admitted: 300 }), 'forecast'],
  ])('%s: %s', (_name, given, kind) => {
    expect(arrivalForecast(given).kind).toBe(kind);
  });

  it('at a steady 20 a minute, 600 still to come are in 30 minutes from now, exactly', () => {
    const f = arrivalForecast(input({ minutes: minutes(Array(15).fill(20)), admitted: 300 }));
    expect(f).toEqual({
      kind: 'forecast',
      share: 0.9,
      at: NOW + 30 * MIN,
      earliest: NOW + 30 * MIN,
      latest: NOW + 30 * MIN,
      perMinute: 20,
      remaining: 600,
      afterEnd: false,
    });
  });

  it('an uneven flow gives a range around the mean, and only the recent window counts', () => {
    const old = { at: CURRENT - 120 * MIN, accepted: 500 };
    const f = arrivalForecast(input({ minutes: [old, ...minutes([10, 30, 10, 30, 10, 30, 10, 30, 10, 30, 10, 30, 10, 30, 20])], admitted: 800 }));
    if (f.kind !== 'forecast') throw new Error(f.kind);
    expect(f.perMinute).toBe(20);
    expect(f.at).toBe(NOW + 5 * MIN);
    expect(f.earliest).toBeLessThan(f.at);
    expect(f.latest).toBeGreaterThan(f.at);
  });

  it('the current, unfinished minute does not drag the rate down', () => {
    const f = arrivalForecast(input({ minutes: [...minutes(Array(10).fill(20)), { at: CURRENT, accepted: 1 }], admitted: 201 }));
    expect(f.kind === 'forecast' && f.perMinute).toBe(20);
  });

  it('says when the share would come only after the end', () => {
    const f = arrivalForecast(input({ minutes: minutes(Array(15).fill(2)), admitted: 30, endsAt: NOW + 60 * MIN }));
    expect(f.kind === 'forecast' && f.afterEnd).toBe(true);
  });

  it('a rate that might be nil has no latest time', () => {
    const f = arrivalForecast(input({ minutes: minutes([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40]), admitted: 42 }));
    expect(f.kind === 'forecast' && f.latest).toBe(null);
  });

  const flow = fc.record({
    counts: fc.array(fc.nat(60), { minLength: 3, maxLength: WINDOW_MINUTES + 10 }),
    total: fc.integer({ min: 1, max: 50_000 }),
    admittedShare: fc.double({ min: 0, max: 1, noNaN: true }),
  });

  it('property: earliest ≤ at ≤ latest, all after now, and reached exactly when 90 % are in', () => {
    fc.assert(
      fc.property(flow, ({ counts, total, admittedShare }) => {
        const admitted = Math.floor(admittedShare * total);
        const f = arrivalForecast(input({ minutes: minutes(counts), admitted, total }));
        if (admitted >= total) expect(f.kind).toBe('all-in');
        else if (admitted >= Math.ceil(0.9 * total)) expect(f.kind).toBe('reached');
        else expect(['reached', 'all-in']).not.toContain(f.kind);
        if (f.kind === 'forecast') {
          expect(f.earliest).toBeLessThanOrEqual(f.at);
          if (f.latest !== null) expect(f.at).toBeLessThanOrEqual(f.latest);
          expect(f.earliest).toBeGreaterThan(NOW);
        }
        const recent = counts.slice(-WINDOW_MINUTES).reduce((s, c) => s + c, 0);
        if (recent < MIN_ADMISSIONS) expect(f.kind).not.toBe('forecast');
      }),
    );
  });

  it('property: more people already in never makes the forecast later; a faster flow never either', () => {
    fc.assert(
      fc.property(flow, fc.nat(100), ({ counts, total }, extra) => {
        const base = input({ minutes: minutes(counts), admitted: Math.floor(total / 4), total });
        const a = arrivalForecast(base);
        const more = arrivalForecast({ ...base, admitted: Math.min(total, base.admitted + extra) });
        const faster = arrivalForecast({ ...base, minutes: minutes(counts.map((c) => c * 2)) });
        if (a.kind === 'forecast' && more.kind === 'forecast') expect(more.at).toBeLessThanOrEqual(a.at);
        if (a.kind === 'forecast') expect(faster.kind === 'forecast' && faster.at <= a.at).toBe(true);
      }),
    );
  });

  it('property: the order of the minutes does not matter', () => {
    fc.assert(
      fc.property(flow, ({ counts, total }) => {
        const ms = minutes(counts);
        const base = input({ minutes: ms, admitted: Math.floor(total / 3), total });
        expect(arrivalForecast({ ...base, minutes: [...ms].reverse() })).toEqual(arrivalForecast(base));
      }),
    );
  });
});
