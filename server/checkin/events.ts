// What the check-in engine tells the rest of the server. Two ways in:
// - in-transaction hooks (`onCheckInAccepted`): run inside the transaction that records the
//   scans, so a durable follow-up (the Tickera write-back outbox) commits with them or not at all;
// - bus topics, published after commit: `checkin.accepted` per admitted scan and
//   `checkins.recorded` per event touched (the stats fan-out listens to that one), and
//   `conflicts.recorded` when the event's conflict feed changed (the phones' nudge stream).
import type { AppDeps } from '../app-env.ts';
import type { Tx } from '../db/client.ts';

export const CHECKIN_ACCEPTED_TOPIC = 'checkin.accepted';
export const CHECKINS_RECORDED_TOPIC = 'checkins.recorded';
/** An event's conflict feed changed here (a conflict recorded, or one voided): the phones' nudge. */
export const CONFLICTS_RECORDED_TOPIC = 'conflicts.recorded';

export interface AcceptedCheckIn {
  eventId: string;
  scanId: string;
  ticketCode: string;
  scannedAt: Date;
  attendeeId: number;
  /** An `in` after an `out` under the re-entry rule: it used no allowance. */
  reentry: boolean;
  /** Admitted by a phone offline and found over the allowance on upload. */
  conflict: boolean;
}

export interface CheckInsRecorded {
  eventId: string;
}

export type AcceptedHook = (tx: Tx, accepted: AcceptedCheckIn[]) => Promise<void>;

function hookList(deps: Pick<AppDeps, 'services'>): AcceptedHook[] {
  if (!deps.services) throw new Error('deps.services is required to register check-in hooks');
  deps.services.checkInAcceptedHooks ??= [];
  return deps.services.checkInAcceptedHooks;
}

/** Registers a hook run inside the recording transaction for every batch of admitted scans. */
export function onCheckInAccepted(deps: Pick<AppDeps, 'services'>, hook: AcceptedHook): () => void {
  const list = hookList(deps);
  list.push(hook);
  return () => {
    const i = list.indexOf(hook);
    if (i >= 0) list.splice(i, 1);
  };
}

export async function runAcceptedHooks(deps: Pick<AppDeps, 'services'>, tx: Tx, accepted: AcceptedCheckIn[]): Promise<void> {
  if (accepted.length === 0 || !deps.services) return;
  for (const hook of deps.services.checkInAcceptedHooks ?? []) await hook(tx, accepted);
}

export function publishRecorded(deps: Pick<AppDeps, 'bus'>, eventId: string, accepted: AcceptedCheckIn[], options: { conflictsChanged?: boolean } = {}): void {
  for (const a of accepted) deps.bus.publish(CHECKIN_ACCEPTED_TOPIC, a);
  deps.bus.publish(CHECKINS_RECORDED_TOPIC, { eventId } satisfies CheckInsRecorded);
  if (options.conflictsChanged || accepted.some((a) => a.conflict)) deps.bus.publish(CONFLICTS_RECORDED_TOPIC, { eventId } satisfies CheckInsRecorded);
}
