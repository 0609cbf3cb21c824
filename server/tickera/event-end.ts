// Tickera gives an event's start, never its end. The end is the organiser's; until they
// give or confirm one, the server assumes start + 6 h and says so (end_confirmed false), so
// the console asks again rather than a festival's frequent syncs silently stopping on day one.

import { ASSUMED_EVENT_LENGTH_MS } from '../../shared/protocol/tickera.ts';

export interface EventEnd {
  endsAt: Date | null;
  /** The organiser gave the end or confirmed the assumed one. */
  endConfirmed: boolean;
}

/** The end to store for a start: the organiser's, else start + 6 h, confirmed only when they said so. */
export function tickeraEventEnd(startsAt: Date | null, given: { ends_at?: string; end_confirmed?: boolean }): EventEnd {
  if (given.ends_at) return { endsAt: new Date(given.ends_at), endConfirmed: true };
  if (!startsAt) return { endsAt: null, endConfirmed: false };
  return { endsAt: new Date(startsAt.getTime() + ASSUMED_EVENT_LENGTH_MS), endConfirmed: given.end_confirmed === true };
}
