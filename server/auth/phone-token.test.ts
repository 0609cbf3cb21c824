import { describe, expect, it } from 'vitest';
import { DEVICE_SESSION, tokenExpiry } from './phone-token.ts';

const HOUR = 3600_000;
const now = new Date('2026-07-10T12:00:00Z');
const at = (hours: number) => new Date(now.getTime() + hours * HOUR);

describe('tokenExpiry', () => {
  it.each([
    ['no event end: the default day', { eventEndsAt: null, credentialExpiresAt: null }, at(24)],
    ['a 3-day festival: its end plus the grace', { eventEndsAt: at(72), credentialExpiresAt: null }, at(72 + 12)],
    ['an event longer than the maximum: the maximum', { eventEndsAt: at(30 * 24), credentialExpiresAt: null }, at(7 * 24)],
    ['a smaller configured maximum', { eventEndsAt: at(72), credentialExpiresAt: null, maximumMs: 2 * HOUR }, at(2)],
    ['the credential expires first', { eventEndsAt: at(72), credentialExpiresAt: at(5) }, at(5)],
    ['signed in after the event and its grace: a short session to upload', { eventEndsAt: at(-48), credentialExpiresAt: null }, at(1)],
    ['still in the grace period', { eventEndsAt: at(-6), credentialExpiresAt: null }, at(6)],
  ])('%s', (_name, bounds, expected) => {
    expect(tokenExpiry(now, bounds)).toEqual(expected);
  });

  it('never exceeds the maximum, whatever the inputs', () => {
    for (const end of [-1000, -1, 0, 1, 100, 10_000]) {
      const e = tokenExpiry(now, { eventEndsAt: at(end), credentialExpiresAt: null });
      expect(e.getTime() - now.getTime()).toBeLessThanOrEqual(DEVICE_SESSION.maximumMs);
      expect(e.getTime()).toBeGreaterThan(now.getTime());
    }
  });
});
