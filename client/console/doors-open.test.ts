import { describe, expect, it } from 'vitest';
import { doorsOpenLine } from './doors-open.ts';

describe('doorsOpenLine', () => {
  it('says when doors open on the venue clock, by the event lead', () => {
    expect(doorsOpenLine({ starts_at: '2026-07-10T17:00:00Z', doors_open_minutes_before: 120, timezone: 'Europe/Berlin' })).toBe(
      'Doors open at 17:00 (Europe/Berlin), 2 h before the start',
    );
    expect(doorsOpenLine({ starts_at: '2026-07-10T17:00:00Z', doors_open_minutes_before: 45, timezone: 'UTC' })).toBe(
      'Doors open at 16:15 (UTC), 45 min before the start',
    );
    expect(doorsOpenLine({ starts_at: '2026-07-10T17:00:00Z', doors_open_minutes_before: 0, timezone: 'UTC' })).toBe('Doors open at 17:00 (UTC), at the start');
  });

  it('says nothing without a start', () => {
    expect(doorsOpenLine({ starts_at: null, doors_open_minutes_before: 120, timezone: 'UTC' })).toBeNull();
  });
});
