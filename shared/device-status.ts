// When a phone on the devices board counts as online, and when it is marked stale, pure:
// the server judges with its own clock, the board shows what it was told.
import type { deviceStatuses } from './protocol/value-lists.ts';

/**
 * A phone makes a request at least every 30 s while signed in (its attendee delta sync, 5 s
 * probes while it has no signal): not seen for four of those, it is offline.
 */
export const ONLINE_WITHIN_MS = 2 * 60 * 1000;
/** Offline this long with scans waiting: marked, someone should walk over to that door. */
export const STALE_AFTER_MS = 10 * 60 * 1000;

export type DeviceStatus = (typeof deviceStatuses)[number];

export interface DevicePresence {
  lastSeenAt: Date | null;
  revokedAt: Date | null;
  outbox: number | null;
}

export function deviceStatus(device: DevicePresence, now: Date): DeviceStatus {
  if (device.revokedAt) return 'revoked';
  return device.lastSeenAt && now.getTime() - device.lastSeenAt.getTime() <= ONLINE_WITHIN_MS ? 'online' : 'offline';
}

/** Not seen for STALE_AFTER_MS while its last report had scans waiting (a revoked phone is not marked). */
export function deviceIsStale(device: DevicePresence, now: Date): boolean {
  if (device.revokedAt || !device.outbox) return false;
  return !device.lastSeenAt || now.getTime() - device.lastSeenAt.getTime() > STALE_AFTER_MS;
}
