// What runs while a gate is signed in: attendee deltas and the event's conflicts every 30 s
// (every 5 s while the server is unreachable, as a probe), the conflicts again at once when
// the server's nudge stream says so (with a sound and a banner when one names a scan made
// here), an outbox nudge while scans
// wait, counters for the status bar (and the device report every request carries, for the
// organiser's devices board), and an update applied only at an idle moment. Once the
// server refuses the token (the session ended), nothing is sent with it until a new sign-in.
import { countAttendees } from '../../phone/attendees.ts';
import { getSyncMeta } from '../../phone/meta.ts';
import { noteDeviceReport } from '../../phone/device-report.ts';
import { pendingCount } from '../../phone/outbox.ts';
import { attentionItems } from '../../phone/conflicts.ts';
import type { StoredSession } from '../../phone/rows.ts';
import { applyUpdate, onServiceWorkerMessage, onUpdateReady, postToServiceWorker } from '../sw-bridge.ts';
import { ApiError, NetworkError } from '../../shared/api-answer.ts';
import { markSessionEnded } from '../../phone/session.ts';
import { syncAttendees } from './attendee-sync.ts';
import { syncConflicts } from './conflict-sync.ts';
import { startConflictPush } from './conflict-push.ts';
import type { OwnConflictAlert } from '../../phone/conflicts.ts';
import { signal } from './devices/index.ts';
import { noteProtocolRefusal, updateNeeded } from './update-needed.ts';
import { isIdle } from './scan-controller.ts';
import { getStatus, setStatus } from './store.ts';

export const DELTA_EVERY_MS = 30_000;
export const PROBE_EVERY_MS = 5_000;
export const NUDGE_EVERY_MS = 5_000;
/** How long the page leaves the old service worker alone while an update applies (see below). */
export const UPDATE_HOLD_MS = 90_000;

/** Scans waiting and needing attention: cheap, refreshed every second and after each scan. */
export async function refreshCounts(): Promise<void> {
  const [pending, attention] = await Promise.all([pendingCount(), attentionItems()]);
  noteDeviceReport({ outbox: pending });
  setStatus({ pending, attention: attention.length });
}

/** The cached list's size and age: counting 100k rows takes a while, so only after a sync. */
export async function refreshCache(): Promise<void> {
  const [attendees, meta] = await Promise.all([countAttendees(), getSyncMeta()]);
  setStatus({ attendees, lastSyncAt: meta.lastSyncAt });
}

/** The server refused `session`'s token: remembered on the phone, and the door asked to sign in again. */
export async function sessionEnded(session: StoredSession): Promise<void> {
  setStatus({ sessionEnded: true });
  await markSessionEnded(session.token, new Date()).catch(() => undefined);
}

function syncFailed(session: StoredSession, e: Error): void | Promise<void> {
  if (noteProtocolRefusal(e)) return;
  if (e instanceof ApiError && e.status === 401) return sessionEnded(session);
  setStatus(e instanceof NetworkError ? { online: false } : { syncError: e });
}

/** A new conflict names a scan made here: the attention sound once, and the banner (the latest one). */
function alertOwnConflicts(alerts: OwnConflictAlert[]): void {
  if (alerts.length === 0) return;
  signal('attention');
  setStatus({ conflictAlert: alerts[alerts.length - 1] });
}

/** The nudge stream said the feed changed: pull it now, not at the next 30 s sync. */
export function pullConflictsNow(session: StoredSession): Promise<void> {
  if (getStatus().sessionEnded) return Promise.resolve();
  return syncConflicts(session)
    .then(({ alerts }) => alertOwnConflicts(alerts))
    .catch((e: Error) => syncFailed(session, e))
    .then(() => refreshCounts());
}

let syncing: Promise<void> | null = null;
export function syncNow(session: StoredSession): Promise<void> {
  if (getStatus().sessionEnded) return Promise.resolve();
  syncing ??= syncAttendees(session)
    .then(({ rulesChanged }) => rulesChanged && setStatus({ rulesApplied: getStatus().rulesApplied + 1 }))
    .then(() => syncConflicts(session))
    .then(({ alerts }) => alertOwnConflicts(alerts))
    .then(() => setStatus({ online: true, syncError: null, updateNeeded: false }))
    .catch((e: Error) => syncFailed(session, e))
    .then(() => Promise.all([refreshCache(), refreshCounts()]))
    .then(() => undefined)
    .finally(() => (syncing = null));
  return syncing;
}

export async function askPersistentStorage(): Promise<void> {
  if (!navigator.storage?.persist) return setStatus({ persisted: 'unsupported' });
  const granted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
  noteDeviceReport({ storage: granted ? 'persisted' : 'best_effort' });
  setStatus({ persisted: granted ? 'granted' : 'refused' });
}

export function startBackground(session: StoredSession): () => void {
  setStatus({ sessionEnded: !!session.ended_at });
  const timers: Array<ReturnType<typeof setInterval>> = [];
  let lastDelta = 0;
  // Chromium activates a skip-waiting worker once the old one has no work: at the first
  // skipWaiting() it stops the old worker as soon as that is idle. An event reaching the old
  // worker just then (a 5 s probe fetch or outbox nudge while offline with scans waiting)
  // restarts it, and the update then waited minutes ("Update ready" for the rest of a test).
  // So at the quiet moment the page first stops talking to the worker, and asks for the
  // update only once nothing of its own is in flight; not for ever, in case it never applies.
  let applyingSince: number | null = null;
  const holding = () => applyingSince !== null && performance.now() - applyingSince < UPDATE_HOLD_MS;
  const tick = () => {
    if (holding()) return;
    const every = getStatus().online ? DELTA_EVERY_MS : PROBE_EVERY_MS;
    if (Date.now() - lastDelta >= every) {
      lastDelta = Date.now();
      void syncNow(session);
    }
  };
  const nudge = () => {
    if (!holding() && !getStatus().sessionEnded && getStatus().pending > 0) postToServiceWorker({ type: 'flush-outbox' });
  };
  const onOnline = () => {
    push.retryNow();
    postToServiceWorker({ type: 'flush-outbox' });
    lastDelta = 0;
    tick();
  };
  timers.push(
    setInterval(tick, 1000),
    setInterval(nudge, NUDGE_EVERY_MS),
    setInterval(() => void refreshCounts(), 1000),
  );
  window.addEventListener('online', onOnline);
  const push = startConflictPush(session, {
    onEvent: () => {
      // `conflicts`, and `ready` too: a stream opened again may have missed a nudge while it was down.
      void pullConflictsNow(session);
    },
    onRefused: (e) => void syncFailed(session, e),
    onLive: (live) => setStatus({ live }),
  });
  const offMessages = onServiceWorkerMessage((m) => {
    if (m.type === 'update-needed') updateNeeded();
    if (m.type === 'session-ended') setStatus({ sessionEnded: true });
    if (m.type === 'flush-done') {
      if (m.uploaded > 0) setStatus({ online: true, updateNeeded: false });
      else if (m.error && m.pending > 0) setStatus({ online: false });
    }
    void refreshCounts();
  });
  const offUpdate = onUpdateReady(() => setStatus({ updateReady: true }));
  // The update waits for a quiet moment: no scan running, no verdict on screen, none for a few seconds.
  timers.push(
    setInterval(() => {
      if (getStatus().updateReady && isIdle() && !document.querySelector('[data-testid="verdict"]')) {
        if (applyingSince === null) applyingSince = performance.now();
        else if (!syncing) applyUpdate();
      } else applyingSince = null;
    }, 1000),
  );
  postToServiceWorker({ type: 'flush-outbox' });
  void refreshCache();
  void askPersistentStorage();
  // The first sync goes once the outbox is counted, so it reports it (the devices board).
  void refreshCounts().then(tick, tick);
  return () => {
    timers.forEach(clearInterval);
    push.stop();
    setStatus({ live: false });
    window.removeEventListener('online', onOnline);
    offMessages();
    offUpdate();
  };
}
