// Where a phone's requests become its row on the devices board: last seen, and what its
// request headers reported (shared/protocol/device-report.ts). An ordinary request (an online
// scan, a conflicts pull, the event stream) writes at most once per SIGHTING_MIN_GAP_MS per
// device, and only when the report changed or SIGHTING_MAX_GAP_MS passed, without being
// awaited: the scan path never waits on it. A sync or an upload always writes (with its time).
import type { DeviceReport } from '../../shared/protocol/device-report.ts';
import { getOrInsert } from '../../shared/get-or-insert.ts';
import type { AppDeps } from '../app-env.ts';
import type { Database } from '../db/client.ts';
import { recordDeviceSighting, type DeviceSighting } from '../db/repos/devices.ts';

export const SIGHTING_MIN_GAP_MS = 5_000;
/** Well under ONLINE_WITHIN_MS (shared/device-status.ts), so a phone that only scans stays online. */
export const SIGHTING_MAX_GAP_MS = 60_000;
const REMEMBERED_DEVICES = 10_000;

interface LastWrite {
  at: number;
  report: string;
}

// Per database, not per middleware: every phone route shares what was last written.
const lastWrites = new WeakMap<Database, Map<string, LastWrite>>();

const writesOf = (database: Database): Map<string, LastWrite> => getOrInsert(lastWrites, database, () => new Map<string, LastWrite>());

const reportKey = (report: DeviceReport) => JSON.stringify([report.outbox, report.app_version, report.storage, report.clock_skew_ms]);

function remember(database: Database, deviceId: string, at: Date, report: DeviceReport): void {
  const writes = writesOf(database);
  if (writes.size >= REMEMBERED_DEVICES) writes.clear();
  writes.set(deviceId, { at: at.getTime(), report: reportKey(report) });
}

/** An ordinary request: written when due, never awaited, a failure only logged. */
export function noteSighting(deps: AppDeps, deviceId: string, now: Date, report: DeviceReport): void {
  const last = writesOf(deps.database).get(deviceId);
  if (last) {
    const elapsed = now.getTime() - last.at;
    const changed = last.report !== reportKey(report);
    // A clock that went back (tests' fake clocks) counts as due.
    const due = elapsed < 0 || elapsed >= SIGHTING_MAX_GAP_MS || (changed && elapsed >= SIGHTING_MIN_GAP_MS);
    if (!due) return;
  }
  remember(deps.database, deviceId, now, report);
  recordDeviceSighting(deps.database.db, deviceId, { now, report }).catch((err) => deps.logger.warn({ err }, 'device sighting not recorded'));
}

/** A sync or an upload: always written, and awaited (these are not the scan path). */
export async function recordSighting(deps: AppDeps, deviceId: string, sighting: DeviceSighting): Promise<void> {
  remember(deps.database, deviceId, sighting.now, sighting.report);
  await recordDeviceSighting(deps.database.db, deviceId, sighting);
}
