// The door words each verdict from the scan result's codes. In English it says exactly what
// the shared describeDecision says (the server's and the service worker's `message`), so the
// door reads the same whichever way the verdict came; in German it says it in German, and
// every time is in the event's zone.
import { afterEach, describe, expect, it } from 'vitest';
import type { MobileEntrance, MobileEvent } from '../../shared/protocol/login.ts';
import { buildScanResult } from '../../shared/scan-result.ts';
import {
  decideScan,
  describeDecision,
  type PriorScan,
  reconcileOfflineDecision,
  type ScanInput,
  type VerdictAttendee,
  type VerdictEntrance,
} from '../../shared/verdict.ts';
import { setLocale, setTimeZone } from '../i18n/index.ts';
import type { ShownVerdict } from './scan-controller.ts';
import { verdictReason } from './verdict-text.ts';

const VIP = '11111111-1111-4111-8111-111111111111';
const GA = '22222222-2222-4222-8222-222222222222';
const zone = 'Europe/Amsterdam';
const mobileEvent: MobileEvent = {
  id: '33333333-3333-4333-8333-333333333333',
  name: 'Fest',
  location: 'Hall',
  timezone: zone,
  starts_at: '2026-07-10T18:00:00Z',
  ends_at: '2026-07-11T02:00:00Z',
  reentry_allowed: true,
  ticket_code_exact_case: false,
  doors_open_minutes_before: 120,
  rehearsal: false,
};
const entrance = (name: string, allowed: string[] = [], opens: string | null = null): MobileEntrance => ({
  id: '44444444-4444-4444-8444-444444444444',
  name,
  allowed_ticket_type_ids: allowed,
  opens_at: opens,
  closes_at: null,
});
const asVerdictEntrance = (e: MobileEntrance): VerdictEntrance => ({
  name: e.name,
  allowedTicketTypeIds: e.allowed_ticket_type_ids,
  opensAt: e.opens_at ? new Date(e.opens_at) : null,
  closesAt: e.closes_at ? new Date(e.closes_at) : null,
});
const ada: VerdictAttendee = { name: 'Ada Lovelace', status: 'valid', ticketTypeId: GA, checkinsAllowed: 1, checkinsUsed: 0, inside: false };
const prior: PriorScan = { at: new Date('2026-07-10T17:42:00Z'), entrance: 'VIP', device: 'Door 3' };

interface Case {
  name: string;
  attendee?: Partial<VerdictAttendee> | null;
  door?: MobileEntrance;
  direction?: 'in' | 'out';
  at?: string;
  firstScan?: PriorScan | null;
  offlineClaim?: 'accepted' | 'unknown_ticket';
}

/** The scan as the server decides and words it, and the result the door receives. */
function both(c: Case): { message: string; shown: ShownVerdict; now: Date } {
  const door = c.door ?? entrance('Main Gate');
  const attendee = c.attendee === null ? null : { ...ada, ...c.attendee };
  const now = new Date(c.at ?? '2026-07-10T19:00:00Z');
  const input: ScanInput = {
    attendee,
    ticketTypeName: attendee?.ticketTypeId === GA ? 'General' : 'VIP',
    entrance: asVerdictEntrance(door),
    event: { startsAt: new Date(mobileEvent.starts_at!), endsAt: new Date(mobileEvent.ends_at!), reentryAllowed: true, timezone: zone },
    direction: c.direction ?? 'in',
    at: now,
  };
  const decision = c.offlineClaim
    ? reconcileOfflineDecision(input, { offline: true, localVerdict: c.offlineClaim, direction: input.direction })
    : decideScan(input);
  const firstScan = c.firstScan ?? null;
  const message = describeDecision(decision, {
    attendee,
    ticketTypeName: input.ticketTypeName,
    entrance: input.entrance,
    direction: input.direction,
    timezone: zone,
    firstScan,
  });
  const after = decision.next ?? { checkinsUsed: attendee?.checkinsUsed ?? 0, inside: false };
  const result = buildScanResult({
    scanId: '55555555-5555-4555-8555-555555555555',
    decision,
    message,
    attendee: attendee ? { name: attendee.name, ticketTypeName: input.ticketTypeName ?? null, checkinsAllowed: attendee.checkinsAllowed, ...after } : null,
    firstScan,
  });
  const shown: ShownVerdict = {
    result,
    verdict: result.verdict,
    direction: input.direction,
    code: 'CODE-1',
    problem: null,
    decidedLocally: false,
    decisionMs: null,
    storedMs: null,
    startedAt: 0,
    ticketStatus: attendee?.status === 'revoked' ? 'revoked' : 'cancelled',
  };
  return { message, shown, now };
}

const cases: Case[] = [
  { name: 'unknown', attendee: null },
  { name: 'welcome', attendee: {} },
  { name: 'welcome with allowance', attendee: { checkinsAllowed: 3, checkinsUsed: 1 } },
  { name: 'welcome back', attendee: { checkinsUsed: 1, inside: false } },
  { name: 'goodbye', attendee: { checkinsUsed: 1, inside: true }, direction: 'out' },
  { name: 'cancelled', attendee: { status: 'cancelled' } },
  { name: 'revoked', attendee: { status: 'revoked' } },
  { name: 'wrong entrance', door: entrance('VIP', [VIP]) },
  { name: 'not open yet', door: entrance('Side', [], '2026-07-10T20:30:00Z') },
  { name: 'closed', at: '2026-07-11T03:00:00Z' },
  { name: 'already in', attendee: { checkinsUsed: 1, inside: true }, firstScan: prior },
  { name: 'already in, no prior', attendee: { checkinsUsed: 1, inside: true } },
  { name: 'conflict', attendee: { checkinsUsed: 1, inside: true }, firstScan: prior, offlineClaim: 'accepted' },
  { name: 'refused offline, valid on the server', offlineClaim: 'unknown_ticket' },
];

afterEach(() => {
  setLocale('en');
  setTimeZone(null);
});

describe('the verdict reason', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: English reads as the shared message', (_, c) => {
    setTimeZone(zone);
    const { message, shown, now } = both(c);
    const door = c.door ?? entrance('Main Gate');
    expect(verdictReason(shown, { event: mobileEvent, entrance: door, now })).toBe(message);
  });

  it('German, with times in the event zone whatever the device zone', () => {
    setLocale('de');
    setTimeZone(zone);
    const reason = (c: Case) => {
      const { shown, now } = both(c);
      return verdictReason(shown, { event: mobileEvent, entrance: c.door ?? entrance('Main Gate'), now });
    };
    expect(reason({ name: '', attendee: {} })).toBe('Willkommen, Ada Lovelace');
    expect(reason({ name: '', attendee: null })).toBe('Nicht auf der Gästeliste');
    expect(reason({ name: '', attendee: { checkinsUsed: 1, inside: true }, firstScan: prior })).toBe('Eingecheckt um 19:42 · Eingang VIP · Door 3');
    expect(reason({ name: '', door: entrance('Side', [], '2026-07-10T20:30:00Z') })).toBe('Eingang Side öffnet um 22:30');
    expect(reason({ name: '', attendee: { status: 'revoked' } })).toBe('Ticket gesperrt: Ada Lovelace');
    expect(reason({ name: '', offlineClaim: 'unknown_ticket' })).toBe('Nicht auf der Gästeliste: offline abgewiesen; laut Server gültig');
  });

  it('a scan with no verdict says why by its code', () => {
    setLocale('de');
    const shown = { ...both({ name: '' }).shown, result: null, verdict: 'error' as const };
    const door = { event: mobileEvent, entrance: null };
    expect(verdictReason({ ...shown, problem: { kind: 'no_connection' } }, door)).toMatch(/^Kein Netz/);
    expect(verdictReason({ ...shown, problem: { kind: 'api', code: 'rate_limited', status: 429, message: 'Too many requests' } }, door)).toMatch(
      /^Zu viele Scans/,
    );
  });
});
