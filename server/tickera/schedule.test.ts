import { describe, expect, it } from 'vitest';
import { fakeClock } from '../clock.ts';
import { defaultCadence, nextSyncAt, type EventWindow } from './schedule.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Runs the schedule minute by minute over a week with a fake clock; returns the sync times. */
function simulateWeek(window: EventWindow, from: string): Date[] {
  const clock = fakeClock(from);
  const end = clock.now().getTime() + 7 * 24 * HOUR;
  const syncs: Date[] = [];
  while (clock.now().getTime() < end) {
    const next = nextSyncAt(window, clock.now(), syncs.at(-1) ?? null);
    if (next && next <= clock.now()) syncs.push(clock.now());
    clock.advance(MIN);
  }
  return syncs;
}

describe('lifecycle-aware sync schedule', () => {
  const start = new Date('2026-07-10T16:00:00Z');
  const endsAt = new Date('2026-07-10T21:00:00Z');
  const syncs = simulateWeek({ startsAt: start, endsAt }, '2026-07-05T00:00:00Z');
  const gapsIn = (from: number, to: number) => {
    const inside = syncs.map((d) => d.getTime()).filter((t) => t >= from && t < to);
    return inside.slice(1).map((t, i) => t - inside[i]!);
  };

  it('syncs at once, then every 6 h until a day before', () => {
    expect(syncs[0]!.toISOString()).toBe('2026-07-05T00:00:00.000Z');
    expect(new Set(gapsIn(0, start.getTime() - 24 * HOUR))).toEqual(new Set([6 * HOUR]));
  });

  it('every hour on the last day, every 10 min from 2 h before, every 2 min during', () => {
    expect(syncs.some((d) => d.getTime() === start.getTime() - 24 * HOUR)).toBe(true);
    expect(new Set(gapsIn(start.getTime() - 24 * HOUR, start.getTime() - 2 * HOUR))).toEqual(new Set([HOUR]));
    expect(new Set(gapsIn(start.getTime() - 2 * HOUR, start.getTime()))).toEqual(new Set([10 * MIN]));
    expect(new Set(gapsIn(start.getTime(), endsAt.getTime()))).toEqual(new Set([2 * MIN]));
    expect(syncs.filter((d) => d >= start && d < endsAt)).toHaveLength(150);
  });

  it('once after the end, then never again', () => {
    const after = syncs.filter((d) => d >= endsAt);
    expect(after.map((d) => d.toISOString())).toEqual(['2026-07-10T21:15:00.000Z']);
    expect(nextSyncAt({ startsAt: start, endsAt }, new Date('2026-07-12T00:00:00Z'), after[0]!)).toBeNull();
  });

  it('in total: a few hundred syncs in a week, not thousands', () => {
    // 4 days 16 h at 6 h, 22 h hourly, 2 h at 10 min, 5 h at 2 min, one after.
    expect(syncs.length).toBe(19 + 22 + 12 + 150 + 1);
  });

  it('without a known start: no schedule; without an end: start + 6 h', () => {
    expect(nextSyncAt({ startsAt: null, endsAt: null }, start, null)).toBeNull();
    const noEnd = simulateWeek({ startsAt: start, endsAt: null }, '2026-07-10T15:00:00Z');
    expect(
      noEnd
        .filter((d) => d >= start)
        .at(-1)!
        .toISOString(),
    ).toBe('2026-07-10T22:15:00.000Z');
  });

  it('an event that ended before FastCheck saw it gets one sync', () => {
    const late = simulateWeek({ startsAt: start, endsAt }, '2026-07-11T00:00:00Z');
    expect(late).toHaveLength(1);
  });

  it('the cadence is configuration', () => {
    const cadence = { ...defaultCadence, duringEveryMs: 30 * 1000 };
    const last = new Date(start.getTime() + MIN);
    expect(nextSyncAt({ startsAt: start, endsAt }, last, last, cadence)!.getTime()).toBe(last.getTime() + 30_000);
  });
});
