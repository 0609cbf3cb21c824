import { describe, expect, it } from 'vitest';
import { rehearsalActive, rehearsalJudgedAt } from './rehearsal.ts';
import type { VerdictEntrance, VerdictEvent } from './verdict.ts';

const start = new Date('2026-07-10T18:00:00Z');
const event: VerdictEvent = { startsAt: start, endsAt: new Date('2026-07-11T02:00:00Z'), reentryAllowed: false, timezone: 'UTC', doorsOpenMinutesBefore: 60 };
const h = (n: number) => new Date(start.getTime() + n * 3_600_000);

describe('rehearsalActive', () => {
  it.each([
    ['off', false, h(-5), false],
    ['on, before doors', true, h(-5), true],
    ['on, a moment before doors', true, new Date(h(-1).getTime() - 1), true],
    ['on, ends by itself at doors-open', true, h(-1), false],
    ['on, during the event', true, h(1), false],
  ] as const)('%s', (_name, rehearsal, at, active) => {
    expect(rehearsalActive({ ...event, rehearsal }, at)).toBe(active);
  });

  it('follows the lead: a longer lead ends it sooner', () => {
    expect(rehearsalActive({ ...event, rehearsal: true, doorsOpenMinutesBefore: 300 }, h(-4))).toBe(false);
  });

  it('an event without a start rehearses until switched off', () => {
    expect(rehearsalActive({ rehearsal: true, startsAt: null }, h(-100))).toBe(true);
  });
});

describe('rehearsalJudgedAt', () => {
  const gate: VerdictEntrance = { name: 'Main', allowedTicketTypeIds: [], opensAt: null, closesAt: null };
  it("judges a scan before doors as at doors-open, the entrance's own opening first", () => {
    expect(rehearsalJudgedAt(event, gate, h(-5))).toEqual(h(-1));
    expect(rehearsalJudgedAt(event, { ...gate, opensAt: h(-3) }, h(-5))).toEqual(h(-3));
    expect(rehearsalJudgedAt(event, gate, h(0))).toEqual(h(0));
  });
});
