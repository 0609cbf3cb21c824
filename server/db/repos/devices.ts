// SQL for phones: scanner credentials looked up by hash, the devices they sign in as, and
// the event setup a phone is given at login. Credentials are checked on every request, so
// the check is one primary-key probe.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DeviceReport } from '../../../shared/protocol/device-report.ts';
import type { DbOrTx } from '../client.ts';
import { devices, entrances, events, scannerCredentials, ticketTypes } from '../schema.ts';

export type CredentialRow = typeof scannerCredentials.$inferSelect;

export async function findCredentialByHash(db: DbOrTx, eventId: string, credentialHash: string): Promise<CredentialRow | undefined> {
  const [row] = await db
    .select()
    .from(scannerCredentials)
    .where(and(eq(scannerCredentials.credentialHash, credentialHash), eq(scannerCredentials.eventId, eventId)))
    .limit(1);
  return row;
}

/**
 * Whether a phone's sign-in may still be used at `now`: its credential neither revoked nor
 * expired, the device itself not revoked from the devices board, and the token of the device
 * row's latest sign-in (`generation`). Two primary-key probes.
 */
export async function deviceSessionIsLive(db: DbOrTx, ids: { credentialId: string; deviceId: string; generation: number }, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ revokedAt: scannerCredentials.revokedAt, expiresAt: scannerCredentials.expiresAt, deviceRevokedAt: devices.revokedAt })
    .from(scannerCredentials)
    .innerJoin(devices, and(eq(devices.id, ids.deviceId), eq(devices.credentialId, scannerCredentials.id), eq(devices.sessionGeneration, ids.generation)))
    .where(eq(scannerCredentials.id, ids.credentialId))
    .limit(1);
  return Boolean(row) && !row.revokedAt && !row.deviceRevokedAt && (!row.expiresAt || row.expiresAt > now);
}

export interface DeviceSignIn {
  eventId: string;
  credentialId: string;
  name: string;
  entranceId: string | null;
  /** The phone installation's id; null (older phones): a new row per sign-in. */
  installationId: string | null;
  now: Date;
}

/**
 * The device row a valid sign-in uses: the installation's row of this event when it has one
 * (its name, credential and entrance updated, a revocation lifted, the generation moved on so
 * earlier tokens stay dead), else a new row. One statement: two phones racing with the same
 * installation id meet in the unique index and the second updates the first's row.
 */
export async function signInDevice(db: DbOrTx, values: DeviceSignIn): Promise<{ id: string; generation: number }> {
  const fields = { credentialId: values.credentialId, name: values.name, entranceId: values.entranceId, lastSeenAt: values.now };
  const insert = db.insert(devices).values({ eventId: values.eventId, installationId: values.installationId, ...fields });
  const returning = { id: devices.id, generation: devices.sessionGeneration };
  const [row] = values.installationId
    ? await insert
        .onConflictDoUpdate({
          target: [devices.eventId, devices.installationId],
          set: { ...fields, revokedAt: null, sessionGeneration: sql`${devices.sessionGeneration} + 1` },
        })
        .returning(returning)
    : await insert.returning(returning);
  await touchCredential(db, values.credentialId, values.now);
  return row;
}

/** The credential's "last used" on the console: a sign-in, or a supervisor's code checked on a door. */
export async function touchCredential(db: DbOrTx, credentialId: string, now: Date): Promise<void> {
  await db.update(scannerCredentials).set({ lastUsedAt: now }).where(eq(scannerCredentials.id, credentialId));
}

export async function touchDevice(db: DbOrTx, deviceId: string, now: Date, clockSkewMs?: number): Promise<void> {
  await db
    .update(devices)
    .set(clockSkewMs === undefined ? { lastSeenAt: now } : { lastSeenAt: now, lastClockSkewMs: clockSkewMs })
    .where(eq(devices.id, deviceId));
}

/** What a phone's request said about it, and what the request was (a sync, an upload). */
export interface DeviceSighting {
  now: Date;
  report: DeviceReport;
  synced?: boolean;
  uploaded?: boolean;
}

/** One write per sighting: last seen, the reported values it carried, and the sync or upload time. */
export async function recordDeviceSighting(db: DbOrTx, deviceId: string, sighting: DeviceSighting): Promise<void> {
  const { now, report } = sighting;
  await db
    .update(devices)
    .set({
      lastSeenAt: now,
      ...(report.outbox === undefined ? {} : { outboxCount: report.outbox }),
      ...(report.app_version === undefined ? {} : { appVersion: report.app_version }),
      ...(report.storage === undefined ? {} : { storagePersisted: report.storage === 'persisted' }),
      ...(report.clock_skew_ms === undefined ? {} : { lastClockSkewMs: report.clock_skew_ms }),
      ...(sighting.synced ? { lastSyncAt: now } : {}),
      ...(sighting.uploaded ? { lastUploadAt: now } : {}),
    })
    .where(eq(devices.id, deviceId));
}

/** The event, its entrances and ticket types: what a phone needs to decide offline. */
export async function loadEventSetup(db: DbOrTx, eventId: string) {
  const [event] = await db.select().from(events).where(eq(events.id, eventId)).limit(1);
  if (!event) return undefined;
  const [entranceRows, typeRows] = await Promise.all([
    db
      .select()
      .from(entrances)
      .where(and(eq(entrances.eventId, eventId), isNull(entrances.removedAt)))
      .orderBy(asc(entrances.name)),
    db.select().from(ticketTypes).where(eq(ticketTypes.eventId, eventId)).orderBy(asc(ticketTypes.name)),
  ]);
  return { event, entrances: entranceRows, ticketTypes: typeRows };
}
export type EventSetup = NonNullable<Awaited<ReturnType<typeof loadEventSetup>>>;

/** The event's rules version (drizzle/0007 triggers bump it): one primary-key probe. */
export async function loadRulesVersion(db: DbOrTx, eventId: string): Promise<number | undefined> {
  const [row] = await db.select({ v: events.rulesVersion }).from(events).where(eq(events.id, eventId)).limit(1);
  return row ? Number(row.v) : undefined;
}

/** Device names by id, for "checked in by Door 3". */
export async function deviceName(db: DbOrTx, deviceId: string): Promise<string | null> {
  const [row] = await db.select({ name: devices.name }).from(devices).where(eq(devices.id, deviceId)).limit(1);
  return row?.name ?? null;
}
