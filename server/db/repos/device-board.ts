// SQL for the devices board: every phone signed in to an event with what it last reported,
// and revoking one phone's sign-in (revoked_at is set once; the phone-token checks read it).
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { devices, entrances, scannerCredentials } from '../schema.ts';

const boardColumns = {
  device: devices,
  credentialLabel: scannerCredentials.label,
  role: scannerCredentials.role,
  entranceName: entrances.name,
};

export type DeviceBoardEntry = {
  device: typeof devices.$inferSelect;
  credentialLabel: string;
  role: (typeof scannerCredentials.$inferSelect)['role'];
  entranceName: string | null;
};

function boardQuery(db: DbOrTx) {
  return db
    .select(boardColumns)
    .from(devices)
    .innerJoin(scannerCredentials, eq(scannerCredentials.id, devices.credentialId))
    .leftJoin(entrances, eq(entrances.id, devices.entranceId));
}

/** The event's phones: not revoked first, then the most recently seen. */
export async function listEventDevices(db: DbOrTx, eventId: string): Promise<DeviceBoardEntry[]> {
  return boardQuery(db)
    .where(eq(devices.eventId, eventId))
    .orderBy(sql`${devices.revokedAt} is not null`, sql`${devices.lastSeenAt} desc nulls last`, desc(devices.createdAt), desc(devices.id));
}

export async function getEventDevice(db: DbOrTx, eventId: string, deviceId: string): Promise<DeviceBoardEntry | undefined> {
  const [row] = await boardQuery(db)
    .where(and(eq(devices.eventId, eventId), eq(devices.id, deviceId)))
    .limit(1);
  return row;
}

/** Sets revoked_at once; a second revoke leaves the first time. Undefined when no such device. */
export async function revokeDevice(db: DbOrTx, eventId: string, deviceId: string, now: Date): Promise<DeviceBoardEntry | undefined> {
  await db
    .update(devices)
    .set({ revokedAt: now })
    .where(and(eq(devices.eventId, eventId), eq(devices.id, deviceId), isNull(devices.revokedAt)));
  return getEventDevice(db, eventId, deviceId);
}
