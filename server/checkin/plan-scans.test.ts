import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planScans, type PlanAttendee, type ScanToPlan } from './plan-scans.ts';

const event = { startsAt: null, endsAt: null, reentryAllowed: true, timezone: 'UTC' };
const attendeesOf = (allowed: number) =>
  new Map<string, PlanAttendee>(
    ['A', 'B', 'C'].map((code, id) => [
      code,
      { id, name: code, status: 'valid', ticketTypeId: null, checkinsAllowed: allowed, checkinsUsed: 0, inside: false },
    ]),
  );

const scanArb = fc.record({
  code: fc.constantFrom('A', 'B', 'C', 'X'),
  minute: fc.integer({ min: 0, max: 30 }),
  direction: fc.constantFrom<'in' | 'out'>('in', 'in', 'out'),
  offline: fc.boolean(),
});

const toScans = (raw: Array<{ code: string; minute: number; direction: 'in' | 'out'; offline: boolean }>): ScanToPlan[] =>
  raw.map((r, i) => ({
    scanId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    code: r.code,
    scannedAt: new Date(Date.UTC(2026, 6, 10, 19, r.minute)),
    entranceId: null,
    direction: r.direction,
    offline: r.offline,
    localVerdict: r.offline ? 'accepted' : null,
  }));

describe('planScans', () => {
  it('any upload order of the same scans gives the same decisions and the same end state', () => {
    fc.assert(
      fc.property(fc.array(scanArb, { maxLength: 30 }), fc.integer({ min: 1, max: 3 }), fc.infiniteStream(fc.double()), (raw, allowed, noise) => {
        const scans = toScans(raw);
        const shuffled = [...scans]
          .map((s) => ({ s, k: noise.next().value }))
          .sort((x, y) => x.k - y.k)
          .map((x) => x.s);
        const p1 = planScans({ scans, attendees: attendeesOf(allowed), event, entrances: new Map() });
        const p2 = planScans({ scans: shuffled, attendees: attendeesOf(allowed), event, entrances: new Map() });
        const verdicts = (p: typeof p1) => Object.fromEntries(p.planned.map((x) => [x.scan.scanId, x.decision.verdict]));
        expect(verdicts(p2)).toEqual(verdicts(p1));
        const state = (p: typeof p1) => p.changed.map((a) => [a.id, a.checkinsUsed, a.inside]).sort();
        expect(state(p2)).toEqual(state(p1));
      }),
    );
  });

  it('never uses more than the allowance, offline or not', () => {
    fc.assert(
      fc.property(fc.array(scanArb, { maxLength: 40 }), fc.integer({ min: 1, max: 3 }), (raw, allowed) => {
        const p = planScans({ scans: toScans(raw), attendees: attendeesOf(allowed), event: { ...event, reentryAllowed: false }, entrances: new Map() });
        return p.changed.every((a) => a.checkinsUsed <= allowed);
      }),
    );
  });

  it('results come back in the order given', () => {
    const scans = toScans([
      { code: 'A', minute: 5, direction: 'in', offline: true },
      { code: 'A', minute: 1, direction: 'in', offline: true },
    ]);
    const p = planScans({ scans, attendees: attendeesOf(1), event, entrances: new Map() });
    expect(p.planned.map((x) => [x.scan.scanId, x.decision.verdict])).toEqual([
      [scans[0].scanId, 'conflict'],
      [scans[1].scanId, 'accepted'],
    ]);
    expect(p.planned[0].firstInPlan).toBe(scans[1]);
  });
});
