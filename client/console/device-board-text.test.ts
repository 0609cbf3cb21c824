import { describe, expect, it } from 'vitest';
import { clockInZone, durationText, presenceText, skewText, storageText } from './device-board-text.ts';

describe('devices board words', () => {
  it('says durations the way a person reads them', () => {
    expect(durationText(8_400)).toBe('8 s');
    expect(durationText(4 * 60_000 + 59_000)).toBe('4 min');
    expect(durationText(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(durationText(3 * 3_600_000)).toBe('3 h');
    expect(durationText(26 * 3_600_000)).toBe('1 d 2 h');
    expect(durationText(-5)).toBe('0 s');
  });

  it('says online, offline with how long, never seen, or revoked', () => {
    const now = '2026-07-10T18:10:00Z';
    expect(presenceText({ status: 'online', last_seen_at: '2026-07-10T18:09:48Z' }, now)).toBe('online · 12 s ago');
    expect(presenceText({ status: 'offline', last_seen_at: '2026-07-10T17:55:00Z' }, now)).toBe('offline · last seen 15 min ago');
    expect(presenceText({ status: 'offline', last_seen_at: null }, now)).toBe('never seen');
    expect(presenceText({ status: 'revoked', last_seen_at: '2026-07-10T18:09:48Z' }, now)).toBe('revoked');
  });

  it('says how far a phone clock is off, and which way (skew is server minus phone)', () => {
    expect(skewText(null)).toBe('—');
    expect(skewText(1_500)).toBe('on time');
    expect(skewText(-1_999)).toBe('on time');
    expect(skewText(15 * 60_000)).toBe('15 min slow');
    expect(skewText(-42_000)).toBe('42 s fast');
  });

  it('says whether the browser promised to keep the phone data', () => {
    expect(storageText('persisted')).toBe('protected');
    expect(storageText('best_effort')).toBe('not protected');
    expect(storageText(null)).toBe('unknown');
  });

  it("shows times on the event's wall clock, with the day only when it is not today there", () => {
    const today = '2026-07-10T21:30:00Z'; // 23:30 in Amsterdam
    expect(clockInZone('2026-07-10T18:14:03Z', 'Europe/Amsterdam', today)).toBe('20:14:03');
    expect(clockInZone('2026-07-10T22:05:00Z', 'Europe/Amsterdam', today)).toBe('Sat 11 Jul 00:05:00');
    expect(clockInZone('2026-07-10T18:14:03Z', 'America/New_York', today)).toBe('14:14:03');
    expect(clockInZone(null, 'UTC', today)).toBe('—');
  });
});
