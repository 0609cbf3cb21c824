// The reconciliation order, pure: new scans are applied per ticket in scan-time order
// (ties by scan id) on top of each attendee's current state, with the shared verdict. The
// same set of scans in any request order gives the same decisions and the same end state.
import type { Direction, Verdict } from '../../shared/protocol/common.ts';
import { reconcileOfflineDecision, type Decision, type VerdictAttendee, type VerdictEntrance, type VerdictEvent } from '../../shared/verdict.ts';

export interface ScanToPlan {
  scanId: string;
  code: string;
  scannedAt: Date;
  entranceId: string | null;
  direction: Direction;
  offline: boolean;
  localVerdict: Verdict | null;
}

export interface PlanAttendee extends VerdictAttendee {
  id: number;
}

export interface PlannedScan<S extends ScanToPlan, A extends PlanAttendee> {
  scan: S;
  attendee: A | null;
  /** The attendee as this scan saw it (before its own effect). */
  before: A | null;
  decision: Decision;
  /** An earlier scan of this plan that admitted the same attendee, if any. */
  firstInPlan: S | null;
}

export interface PlanResult<S extends ScanToPlan, A extends PlanAttendee> {
  /** In the order the scans were given. */
  planned: PlannedScan<S, A>[];
  /** Attendees whose state changed, with their final state. */
  changed: A[];
}

const byScanTime = (a: ScanToPlan, b: ScanToPlan) => a.scannedAt.getTime() - b.scannedAt.getTime() || (a.scanId < b.scanId ? -1 : a.scanId > b.scanId ? 1 : 0);

export function planScans<S extends ScanToPlan, A extends PlanAttendee>(input: {
  scans: S[];
  attendees: Map<string, A>;
  event: VerdictEvent;
  entrances: Map<string, VerdictEntrance>;
}): PlanResult<S, A> {
  const state = new Map<string, A>();
  const firstAdmitted = new Map<string, S>();
  const decided = new Map<S, PlannedScan<S, A>>();
  for (const scan of [...input.scans].sort(byScanTime)) {
    const before = state.get(scan.code) ?? input.attendees.get(scan.code) ?? null;
    const entrance = scan.entranceId ? (input.entrances.get(scan.entranceId) ?? null) : null;
    // Decided at the door offline: what the door did stands (see reconcileOfflineDecision).
    const decision = reconcileOfflineDecision(
      { attendee: before, entrance, event: input.event, direction: scan.direction, at: scan.scannedAt },
      { offline: scan.offline, localVerdict: scan.localVerdict, direction: scan.direction },
    );
    let after = before;
    if (before && decision.next && (decision.next.checkinsUsed !== before.checkinsUsed || decision.next.inside !== before.inside)) {
      after = { ...before, ...decision.next };
      state.set(scan.code, after);
    }
    decided.set(scan, { scan, attendee: after, before, decision, firstInPlan: firstAdmitted.get(scan.code) ?? null });
    if (decision.verdict === 'accepted' && scan.direction === 'in' && !firstAdmitted.has(scan.code)) firstAdmitted.set(scan.code, scan);
  }
  return { planned: input.scans.map((s) => decided.get(s)!), changed: [...state.values()] };
}
