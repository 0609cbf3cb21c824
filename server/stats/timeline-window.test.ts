import { describe, expect, it } from 'vitest';
import { MAX_POINTS, timelineWindow } from './timeline-window.ts';

const at = (s: string) => new Date(`2026-07-10T${s}:00Z`);
const days = (n: number) => new Date(at('18:00').getTime() + n * 86_400_000);

describe('timelineWindow', () => {
  it('a night from its start to its end, minute by minute', () => {
    const w = timelineWindow({ startsAt: at('18:00'), endsAt: at('23:00'), first: at('17:40'), last: at('20:10'), now: at('20:11') });
    expect(w).toEqual({ from: at('17:40'), to: at('23:00'), bucketMinutes: 1 });
  });

  it('stretches to scans after the end', () => {
    const w = timelineWindow({ startsAt: at('18:00'), endsAt: at('19:00'), first: null, last: at('19:30'), now: at('20:00') });
    expect(w.to).toEqual(at('19:31'));
  });

  it('without start or end: the first scan up to now', () => {
    const w = timelineWindow({ startsAt: null, endsAt: null, first: at('18:05'), last: at('18:30'), now: at('19:00') });
    expect(w).toEqual({ from: at('18:05'), to: at('19:00'), bucketMinutes: 1 });
  });

  it('nothing at all: the last hour', () => {
    const w = timelineWindow({ startsAt: null, endsAt: null, first: null, last: null, now: at('19:00') });
    expect(w).toEqual({ from: at('18:00'), to: at('19:00'), bucketMinutes: 1 });
  });

  it('a three-day festival keeps a few hundred points with buckets that read on a clock', () => {
    const w = timelineWindow({ startsAt: days(0), endsAt: days(3), first: days(0), last: days(2), now: days(2) });
    expect(w.bucketMinutes).toBe(15);
    expect((w.to.getTime() - w.from.getTime()) / 60_000 / w.bucketMinutes).toBeLessThanOrEqual(MAX_POINTS);
  });
});
