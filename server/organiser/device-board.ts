// The devices board: each phone's row as the console reads it (status and staleness judged
// on the server's clock), and revoking one phone's sign-in, audited. Revocation is read by
// the phone-token checks on the phone's next request (server/auth/bearer.ts, loadDeviceState).
import { deviceIsStale, deviceStatus } from '../../shared/device-status.ts';
import type { DeviceBoard, DeviceBoardRow } from '../../shared/protocol/devices.ts';
import { isUuid } from '../auth/require-role.ts';
import type { Database } from '../db/client.ts';
import { appendAudit } from '../db/repos/admin-audit.ts';
import { listEventDevices, revokeDevice, type DeviceBoardEntry } from '../db/repos/device-board.ts';
import { notFound } from '../http/app-error.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function deviceBoardRow(entry: DeviceBoardEntry, now: Date): DeviceBoardRow {
  const d = entry.device;
  const presence = { lastSeenAt: d.lastSeenAt, revokedAt: d.revokedAt, outbox: d.outboxCount };
  return {
    id: d.id,
    name: d.name,
    credential_id: d.credentialId,
    credential_label: entry.credentialLabel,
    role: entry.role,
    entrance_id: d.entranceId,
    entrance_name: entry.entranceName,
    signed_in_at: d.createdAt.toISOString(),
    last_seen_at: iso(d.lastSeenAt),
    last_sync_at: iso(d.lastSyncAt),
    last_upload_at: iso(d.lastUploadAt),
    app_version: d.appVersion,
    outbox: d.outboxCount,
    clock_skew_ms: d.lastClockSkewMs,
    storage: d.storagePersisted === null ? null : d.storagePersisted ? 'persisted' : 'best_effort',
    revoked_at: iso(d.revokedAt),
    status: deviceStatus(presence, now),
    stale: deviceIsStale(presence, now),
  };
}

export async function readDeviceBoard(database: Database, eventId: string, now: Date): Promise<DeviceBoard> {
  const entries = await listEventDevices(database.db, eventId);
  return { devices: entries.map((e) => deviceBoardRow(e, now)), server_time: now.toISOString() };
}

export async function revokeEventDevice(database: Database, input: { actorId: string; eventId: string; deviceId: string; now: Date }): Promise<DeviceBoardRow> {
  if (!isUuid(input.deviceId)) throw notFound('Device');
  return database.db.transaction(async (tx) => {
    const entry = await revokeDevice(tx, input.eventId, input.deviceId, input.now);
    if (!entry) throw notFound('Device');
    // Audited once: a second revoke finds the first time and writes nothing.
    if (entry.device.revokedAt?.getTime() === input.now.getTime()) {
      await appendAudit(tx, {
        userId: input.actorId,
        action: 'device.revoke',
        targetType: 'device',
        targetId: entry.device.id,
        eventId: input.eventId,
        details: { name: entry.device.name, credential_label: entry.credentialLabel },
      });
    }
    return deviceBoardRow(entry, input.now);
  });
}
