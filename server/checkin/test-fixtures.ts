// Test and benchmark fixtures for the scan path: an event with ticket types, entrances,
// attendees and scanner credentials written straight into the database, and phone sign-in.
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { generateCredentialCode, hashCredentialCode } from '../auth/credential-code.ts';
import type { Database } from '../db/client.ts';
import { attendees, entrances, events, scannerCredentials, ticketTypes } from '../db/schema.ts';

export interface SeedOptions {
  attendees?: number;
  checkinsAllowed?: number;
  reentryAllowed?: boolean;
  ticketCodeExactCase?: boolean;
  startsAt?: Date | null;
  endsAt?: Date | null;
}

export interface SeededEvent {
  eventId: string;
  ga: string;
  vip: string;
  main: string;
  vipGate: string;
  codes: string[];
  /** Scanner credential codes, by role. */
  door: string;
  supervisor: string;
  /** A credential bound to the VIP gate. */
  vipDoor: string;
  credentialIds: Record<'door' | 'supervisor' | 'vipDoor', string>;
}

export const codeFor = (i: number) => `T${String(i).padStart(6, '0')}`;

export async function seedEvent(database: Database, options: SeedOptions = {}): Promise<SeededEvent> {
  const db = database.db;
  const [event] = await db
    .insert(events)
    .values({
      name: 'Fixture night',
      timezone: 'Europe/Amsterdam',
      startsAt: options.startsAt === undefined ? null : options.startsAt,
      endsAt: options.endsAt === undefined ? null : options.endsAt,
      reentryAllowed: options.reentryAllowed ?? false,
      ticketCodeExactCase: options.ticketCodeExactCase ?? false,
    })
    .returning();
  const [ga, vip] = await db
    .insert(ticketTypes)
    .values([
      { eventId: event.id, name: 'General', checkinsAllowed: options.checkinsAllowed ?? 1 },
      { eventId: event.id, name: 'VIP', checkinsAllowed: 1 },
    ])
    .returning();
  const [main, vipGate] = await db
    .insert(entrances)
    .values([
      { eventId: event.id, name: 'Main Gate' },
      { eventId: event.id, name: 'VIP Gate', allowedTicketTypeIds: [vip.id] },
    ])
    .returning();
  const n = options.attendees ?? 20;
  const codes: string[] = [];
  const rows = [];
  for (let i = 0; i < n; i++) {
    codes.push(codeFor(i));
    rows.push({
      eventId: event.id,
      ticketCode: codeFor(i),
      firstName: `First${i}`,
      lastName: `Last${i}`,
      email: `a${i}@example.org`,
      ticketTypeId: i % 10 === 9 ? vip.id : ga.id,
      checkinsAllowed: i % 10 === 9 ? 1 : (options.checkinsAllowed ?? 1),
    });
  }
  for (let i = 0; i < rows.length; i += 1000) await db.insert(attendees).values(rows.slice(i, i + 1000));
  const creds = { door: generateCredentialCode(), supervisor: generateCredentialCode(), vipDoor: generateCredentialCode() };
  const inserted = await db
    .insert(scannerCredentials)
    .values([
      { eventId: event.id, label: 'Door 1', role: 'door', credentialHash: hashCredentialCode(creds.door) },
      { eventId: event.id, label: 'Supervisor', role: 'supervisor', credentialHash: hashCredentialCode(creds.supervisor) },
      { eventId: event.id, label: 'VIP door', role: 'door', entranceId: vipGate.id, credentialHash: hashCredentialCode(creds.vipDoor) },
    ])
    .returning();
  return {
    eventId: event.id,
    ga: ga.id,
    vip: vip.id,
    main: main.id,
    vipGate: vipGate.id,
    codes,
    ...creds,
    credentialIds: { door: inserted[0].id, supervisor: inserted[1].id, vipDoor: inserted[2].id },
  };
}

export interface Phone {
  token: string;
  deviceId: string;
  auth: Record<string, string>;
}

/** Signs a phone in through the real route; with `installationId`, as that phone installation. */
export async function signIn(app: Hono<AppEnv>, eventId: string, credential: string, deviceName?: string, installationId?: string): Promise<Phone> {
  const res = await app.request('/api/v1/mobile/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ event_id: eventId, credential, device_name: deviceName, installation_id: installationId }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const { data } = (await res.json()) as { data: { token: string; device_id: string } };
  return { token: data.token, deviceId: data.device_id, auth: { authorization: `Bearer ${data.token}`, 'content-type': 'application/json' } };
}

/** A response whose JSON tests read freely. */
// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies by path; the server's schemas are what they check
export type TestResponse = Omit<Response, 'json'> & { json(): Promise<any> };

export function postJson(app: Hono<AppEnv>, path: string, phone: Phone | null, body: unknown): Promise<TestResponse> {
  return app.request(path, {
    method: 'POST',
    headers: phone ? phone.auth : { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }) as unknown as Promise<TestResponse>;
}

export const newScanId = () => randomUUID();

/** One scan a phone admitted offline, as POST /api/v1/mobile/scans takes it; `over` changes any field. */
export const offlineScan = (code: string, scannedAt: string, over: Record<string, unknown> = {}) => ({
  scan_id: newScanId(),
  ticket_code: code,
  scanned_at: scannedAt,
  direction: 'in',
  local_verdict: 'accepted',
  offline: true,
  ...over,
});
