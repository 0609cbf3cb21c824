// Rehearsal: before doors open, staff test scanning against the real list without the
// scans counting. Switched on by the organiser, it ends by itself when the event's doors
// open, on every phone by its own clock, whatever rules it last synced.
import { eventDoorsOpen, openingWindow, type VerdictEntrance, type VerdictEvent } from './verdict.ts';

export interface RehearsalEvent extends Pick<VerdictEvent, 'startsAt' | 'doorsOpenMinutesBefore'> {
  rehearsal: boolean;
}

/** Rehearsal is on and the event's doors are not open yet (an event without a start rehearses until switched off). */
export function rehearsalActive(event: RehearsalEvent, at: Date): boolean {
  if (!event.rehearsal) return false;
  const opens = eventDoorsOpen(event);
  return opens === null || at < opens;
}

/**
 * The time a rehearsal scan is judged at: the moment the entrance opens when that is still
 * ahead, so a rehearsal before doors says what the door will say once they open.
 */
export function rehearsalJudgedAt(event: VerdictEvent, entrance: VerdictEntrance | null, at: Date): Date {
  const { opens } = openingWindow(event, entrance);
  return opens && at < opens ? opens : at;
}
