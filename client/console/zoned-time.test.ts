import { describe, expect, it } from 'vitest';
import { formatClock, fromZonedInput, shiftZonedInput, toZonedInput, zoneOffsetMs } from './zoned-time.ts';

describe('zoned time', () => {
  it.each([
    ['2026-07-10T20:00', 'Europe/Amsterdam', '2026-07-10T18:00:00Z'],
    ['2026-01-10T20:00', 'Europe/Amsterdam', '2026-01-10T19:00:00Z'],
    ['2026-07-10T20:00', 'UTC', '2026-07-10T20:00:00Z'],
    ['2026-07-10T20:00', 'America/New_York', '2026-07-11T00:00:00Z'],
    ['2026-07-10T05:30', 'Asia/Kolkata', '2026-07-10T00:00:00Z'],
  ])('%s in %s is %s', (wall, zone, utc) => {
    expect(fromZonedInput(wall, zone)).toBe(utc);
    expect(toZonedInput(utc, zone)).toBe(wall);
  });

  it('moves a wall time that the spring DST jump skips forward by an hour', () => {
    // Amsterdam 2026-03-29: 02:00 → 03:00.
    expect(fromZonedInput('2026-03-29T02:30', 'Europe/Amsterdam')).toBe('2026-03-29T01:30:00Z');
    expect(toZonedInput('2026-03-29T01:30:00Z', 'Europe/Amsterdam')).toBe('2026-03-29T03:30');
  });

  it('gives the offset on both sides of a DST change', () => {
    expect(zoneOffsetMs(Date.parse('2026-03-29T00:59:00Z'), 'Europe/Amsterdam')).toBe(3_600_000);
    expect(zoneOffsetMs(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Amsterdam')).toBe(7_200_000);
  });

  it('refuses what is not a time, and keeps empty empty', () => {
    expect(fromZonedInput('', 'UTC')).toBeNull();
    expect(fromZonedInput('tomorrow', 'UTC')).toBeNull();
    expect(toZonedInput(null, 'UTC')).toBe('');
  });

  it('reads a clock time on the venue clock, with the day only when it is another day there', () => {
    const t = Date.parse('2026-07-10T18:35:07Z');
    expect(formatClock(t, 'Europe/Amsterdam')).toBe('20:35');
    expect(formatClock(t, 'Europe/Amsterdam', { seconds: true })).toBe('20:35:07');
    expect(formatClock(t, 'Europe/Amsterdam', { today: Date.parse('2026-07-10T08:00:00Z') })).toBe('20:35');
    expect(formatClock(t, 'Europe/Amsterdam', { today: Date.parse('2026-07-09T08:00:00Z') })).toMatch(/Fri.*20:35/);
  });
});

describe('shiftZonedInput', () => {
  it('moves a wall time by an instant span, across a DST change', () => {
    expect(shiftZonedInput('2026-07-10T20:00', 'Europe/Berlin', 6 * 3_600_000)).toBe('2026-07-11T02:00');
    expect(shiftZonedInput('2026-03-29T00:00', 'Europe/Berlin', 6 * 3_600_000)).toBe('2026-03-29T07:00');
    expect(shiftZonedInput('', 'UTC', 1)).toBe('');
  });
});
