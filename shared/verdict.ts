// The scan decision, one pure function for every path: the server online, the server
// reconciling an upload, and the phone deciding offline. Nothing here reads a clock or
// does I/O: the scan time and every record are passed in.
import type { AttendeeStatus, Direction, Verdict } from './protocol/common.ts';

/** Doors open this many minutes before the event's start unless the event or the entrance says otherwise. */
export const DEFAULT_DOORS_OPEN_MINUTES_BEFORE = 120;
/** The largest lead an event may set: a day. */
export const MAX_DOORS_OPEN_MINUTES_BEFORE = 1440;

export interface VerdictAttendee {
  name: string;
  status: AttendeeStatus;
  ticketTypeId: string | null;
  /** 0 = unlimited. */
  checkinsAllowed: number;
  checkinsUsed: number;
  inside: boolean;
}

export interface VerdictEntrance {
  name: string;
  /** Empty = every ticket type. */
  allowedTicketTypeIds: readonly string[];
  opensAt: Date | null;
  closesAt: Date | null;
}

export interface VerdictEvent {
  startsAt: Date | null;
  endsAt: Date | null;
  reentryAllowed: boolean;
  /** IANA zone for the times in messages. */
  timezone: string;
  /** Doors open this long before the start (DEFAULT_DOORS_OPEN_MINUTES_BEFORE when not given). */
  doorsOpenMinutesBefore?: number;
}

export interface ScanInput {
  attendee: VerdictAttendee | null;
  ticketTypeName?: string | null;
  entrance: VerdictEntrance | null;
  event: VerdictEvent;
  direction: Direction;
  at: Date;
}

export interface AttendeeState {
  checkinsUsed: number;
  inside: boolean;
}

export type NotOpenReason = 'entrance_not_open' | 'entrance_closed';

export interface Decision {
  verdict: Verdict;
  /** The attendee's state after this scan; equal to the state before unless admitted or let out. */
  next: AttendeeState | null;
  /** An `in` admitted after an `out` under the event's re-entry rule: it uses no allowance. */
  reentry: boolean;
  /** Set for `not_open`: which bound was missed, and when it is. */
  window?: { reason: NotOpenReason; at: Date };
  /**
   * Set for a scan decided at the door offline where the server would have said otherwise:
   * for a `conflict` (admitted offline) and for an offline refusal the audit keeps.
   */
  serverVerdict?: Verdict;
}

/** When the event's doors open: its start less its doors-open lead; null without a start. */
export function eventDoorsOpen(event: Pick<VerdictEvent, 'startsAt' | 'doorsOpenMinutesBefore'>): Date | null {
  const lead = event.doorsOpenMinutesBefore ?? DEFAULT_DOORS_OPEN_MINUTES_BEFORE;
  return event.startsAt ? new Date(event.startsAt.getTime() - lead * 60_000) : null;
}

/** The opening window in force at an entrance: its own bounds, else the event's. */
export function openingWindow(event: VerdictEvent, entrance: VerdictEntrance | null): { opens: Date | null; closes: Date | null } {
  return { opens: entrance?.opensAt ?? eventDoorsOpen(event), closes: entrance?.closesAt ?? event.endsAt };
}

const hasAllowanceLeft = (a: VerdictAttendee) => a.checkinsAllowed === 0 || a.checkinsUsed < a.checkinsAllowed;

/** Decides one scan by the server's rules. `conflict` is never returned here: see `reconcileOfflineDecision`. */
export function decideScan(input: ScanInput): Decision {
  const { attendee, entrance, event, direction, at } = input;
  if (!attendee) return { verdict: 'unknown_ticket', next: null, reentry: false };
  const state = { checkinsUsed: attendee.checkinsUsed, inside: attendee.inside };
  const refuse = (verdict: Verdict, window?: Decision['window']): Decision => ({ verdict, next: state, reentry: false, window });

  // Letting someone out is always allowed: a door never traps a person inside.
  if (direction === 'out') return { verdict: 'accepted', next: { ...state, inside: false }, reentry: false };

  if (attendee.status !== 'valid') return refuse('cancelled');
  if (entrance && entrance.allowedTicketTypeIds.length > 0) {
    if (!attendee.ticketTypeId || !entrance.allowedTicketTypeIds.includes(attendee.ticketTypeId)) return refuse('wrong_entrance');
  }
  const { opens, closes } = openingWindow(event, entrance);
  if (opens && at < opens) return refuse('not_open', { reason: 'entrance_not_open', at: opens });
  if (closes && at > closes) return refuse('not_open', { reason: 'entrance_closed', at: closes });

  if (event.reentryAllowed && attendee.checkinsUsed > 0 && !attendee.inside) {
    return { verdict: 'accepted', next: { checkinsUsed: attendee.checkinsUsed, inside: true }, reentry: true };
  }
  if (hasAllowanceLeft(attendee)) {
    return { verdict: 'accepted', next: { checkinsUsed: attendee.checkinsUsed + 1, inside: true }, reentry: false };
  }
  return refuse('already_checked_in');
}

export interface PhoneClaim {
  offline: boolean;
  localVerdict?: Verdict | null;
  direction: Direction;
}

/** A verdict under which the door let the person through. */
export const admitsAtDoor = (v: Verdict) => v === 'accepted' || v === 'conflict';

/**
 * The scan as the audit records it. Decided online, it is the server's own decision.
 * Decided at the door offline, what the door did stands, and what the server would have
 * said is kept beside it (`serverVerdict`, set only where the two differ):
 * - an offline admission the server would have refused is a `conflict`: the person is
 *   inside, and no extra allowance is used, so the ticket is still counted once;
 * - an offline refusal stays that refusal: the person was not admitted, so the attendee's
 *   state is left as it was (no allowance used, nobody let in or out).
 * Neither is ever turned into the other.
 */
export function reconcileOfflineDecision(input: ScanInput, claim: PhoneClaim): Decision {
  const server = decideScan(input);
  const door = claim.offline ? (claim.localVerdict ?? null) : null;
  if (!door || door === server.verdict) return server;
  if (admitsAtDoor(door)) {
    if (server.verdict === 'accepted') return server;
    return {
      verdict: 'conflict',
      next: server.next ? { checkinsUsed: server.next.checkinsUsed, inside: claim.direction === 'in' ? true : server.next.inside } : null,
      reentry: false,
      serverVerdict: server.verdict,
    };
  }
  const a = input.attendee;
  return {
    verdict: door,
    next: a ? { checkinsUsed: a.checkinsUsed, inside: a.inside } : null,
    reentry: false,
    serverVerdict: server.verdict,
  };
}

/** A previous admission, for "already checked in at 19:42 at VIP by Door 3". */
export interface PriorScan {
  at: Date;
  entrance: string | null;
  device: string | null;
}

export interface MessageContext {
  attendee: VerdictAttendee | null;
  ticketTypeName?: string | null;
  entrance: VerdictEntrance | null;
  direction: Direction;
  timezone: string;
  firstScan?: PriorScan | null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** "19:42" in the event's zone (UTC when the zone is unknown). */
export function formatClock(at: Date, timezone: string): string {
  let f = formatters.get(timezone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: timezone });
    } catch {
      f = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' });
    }
    formatters.set(timezone, f);
  }
  return f.format(at);
}

function describePrior(prior: PriorScan | null | undefined, timezone: string): string {
  if (!prior) return '';
  let s = ` at ${formatClock(prior.at, timezone)}`;
  if (prior.entrance) s += ` at ${prior.entrance}`;
  if (prior.device) s += ` by ${prior.device}`;
  return s;
}

function usage(a: VerdictAttendee, next: AttendeeState | null): string {
  if (a.checkinsAllowed <= 1) return '';
  return ` (${next?.checkinsUsed ?? a.checkinsUsed} of ${a.checkinsAllowed})`;
}

/** The human line a door reads from a metre away; an offline refusal says what the server thought. */
export function describeDecision(decision: Decision, ctx: MessageContext): string {
  const line = describeVerdict(decision, ctx);
  if (decision.verdict === 'conflict' || !decision.serverVerdict) return line;
  return `${line}: refused offline; ${decision.serverVerdict === 'accepted' ? 'valid on the server' : `server says ${decision.serverVerdict.replace(/_/g, ' ')}`}`;
}

function describeVerdict(decision: Decision, ctx: MessageContext): string {
  const a = ctx.attendee;
  const who = a?.name.trim() || 'Ticket';
  switch (decision.verdict) {
    case 'unknown_ticket':
      return 'Unknown ticket';
    case 'accepted':
      if (ctx.direction === 'out') return `Goodbye, ${who}`;
      return `${decision.reentry ? 'Welcome back' : 'Welcome'}, ${who}${a ? usage(a, decision.next) : ''}`;
    case 'cancelled':
      return a?.status === 'revoked' ? `Ticket revoked: ${who}` : `Ticket cancelled: ${who}`;
    case 'wrong_entrance':
      return `${ctx.ticketTypeName ?? 'This ticket'} is not valid at ${ctx.entrance?.name ?? 'this entrance'}`;
    case 'not_open': {
      const w = decision.window;
      const where = ctx.entrance?.name ?? 'Entry';
      if (!w) return `${where} is not open`;
      const when = formatClock(w.at, ctx.timezone);
      return w.reason === 'entrance_not_open' ? `${where} opens at ${when}` : `${where} closed at ${when}`;
    }
    case 'already_checked_in':
      return `Already checked in${describePrior(ctx.firstScan, ctx.timezone)}`;
    case 'conflict': {
      const why =
        decision.serverVerdict === 'already_checked_in'
          ? `already checked in${describePrior(ctx.firstScan, ctx.timezone)}`
          : `server says ${decision.serverVerdict ?? 'refused'}`;
      return `Admitted offline, but ${why}: review`;
    }
  }
}
