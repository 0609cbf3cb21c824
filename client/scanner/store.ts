// A tiny observable store for what the status bar and screens show: connectivity,
// cache size, last sync, scans waiting, storage persistence, sync progress and updates
// (ready to install, or needed because the server refused this version), and whether the
// session ended (the server refused the token: "Sign in again"), kiosk mode, and a new
// conflict naming one of this door's scans.
import { useEffect, useState } from 'preact/hooks';
import type { OwnConflictAlert } from '../../phone/conflicts.ts';
import type { SyncProgress } from './attendee-sync.ts';

export interface ScannerStatus {
  online: boolean;
  attendees: number;
  lastSyncAt: string | null;
  pending: number;
  attention: number;
  persisted: 'unknown' | 'granted' | 'refused' | 'unsupported';
  progress: SyncProgress | null;
  /** Why the last download failed: the error itself, worded by errorText() when shown (never stored as English). */
  syncError: Error | null;
  updateReady: boolean;
  /** The server refused this app's protocol version: a new version must be installed. */
  updateNeeded: boolean;
  /** The server refused this phone's token (expired or revoked): scans are decided here until it signs in again. */
  sessionEnded: boolean;
  /** Kiosk mode (a self-scan stand): no sign-out or settings without the supervisor's PIN. */
  kiosk: boolean;
  /** Counts rule changes a sync applied, so the app reloads the stored session (its entrance may be gone). */
  rulesApplied: number;
  /** The server's nudge stream is open: a conflict reaches this door within seconds. */
  live: boolean;
  /** A new conflict names a scan made here: the banner until someone dismisses it. */
  conflictAlert: OwnConflictAlert | null;
}

let status: ScannerStatus = {
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  attendees: 0,
  lastSyncAt: null,
  pending: 0,
  attention: 0,
  persisted: 'unknown',
  progress: null,
  syncError: null,
  updateReady: false,
  updateNeeded: false,
  sessionEnded: false,
  kiosk: false,
  rulesApplied: 0,
  live: false,
  conflictAlert: null,
};
const listeners = new Set<() => void>();

export function getStatus(): ScannerStatus {
  return status;
}

export function setStatus(patch: Partial<ScannerStatus>): void {
  status = { ...status, ...patch };
  for (const l of listeners) l();
}

export function useStatus(): ScannerStatus {
  const [s, set] = useState(status);
  useEffect(() => {
    const l = () => set(status);
    listeners.add(l);
    l();
    return () => void listeners.delete(l);
  }, []);
  return s;
}
