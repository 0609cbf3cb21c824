// The phone's typed calls to the server, for the scanner page and the service worker alike.
// Every request says which protocol version it speaks; every answer is read by the shared
// envelope reader. No answer (no network, or a 5xx without our envelope, i.e. not from
// FastCheck itself) is a NetworkError, so callers fall back to deciding on the phone. Every
// answer teaches the phone its clock offset (phone/clock-offset.ts).
import { z } from 'zod';
import { ApiError, NetworkError, readResponse } from '../shared/api-answer.ts';
import { attendeesDeltaResponseSchema, type AttendeesDeltaResponse } from '../shared/protocol/attendees-delta.ts';
import { scanResultSchema, type ScanResult } from '../shared/protocol/check-in.ts';
import type { Direction } from '../shared/protocol/common.ts';
import { conflictsResponseSchema, type ConflictsResponse } from '../shared/protocol/conflicts.ts';
import { credentialCheckResponseSchema, type CredentialCheckRequest, type CredentialCheckResponse } from '../shared/protocol/credential-check.ts';
import { DECIDED_HEADER, DECISION_MS_HEADER, PROTOCOL_HEADER, STORED_MS_HEADER } from '../shared/protocol/headers.ts';
import { PROTOCOL_VERSION } from '../shared/protocol/protocol-version.ts';
import { mobileLoginResponseSchema, type MobileLoginRequest, type MobileLoginResponse } from '../shared/protocol/login.ts';
import { scansBatchResponseSchema, type ScansBatchRequest, type ScansBatchResponse } from '../shared/protocol/scans-batch.ts';
import type { StoredSession } from './rows.ts';
import { learnServerTime } from './clock-offset.ts';
import { deviceReportHeaders } from './device-report.ts';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;
const globalFetch: Fetch = (url, init) => fetch(url, init);

async function call<T>(url: string, init: RequestInit, schema: z.ZodType<T>, fetchFn: Fetch = globalFetch): Promise<{ data: T; headers: Headers }> {
  let res: Response;
  const sentAt = Date.now();
  try {
    res = await fetchFn(url, init);
  } catch (e) {
    throw new NetworkError((e as Error).message);
  }
  // Every answer, refusals included, says the server's time: the phone's clock offset.
  // Not awaited: a verdict never waits for the offset's write.
  void learnServerTime(res.headers, sentAt, Date.now()).catch(() => undefined);
  try {
    return { data: await readResponse(res, schema), headers: res.headers };
  } catch (e) {
    if (e instanceof ApiError && e.code === 'http_error' && e.status >= 500) throw new NetworkError(`HTTP ${e.status}`, e.status);
    throw e;
  }
}

/** With a token, the request also carries this phone's report for the devices board (phone/device-report.ts). */
export const phoneHeaders = (token?: string): Record<string, string> => ({
  'content-type': 'application/json',
  [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
  ...(token ? { authorization: `Bearer ${token}`, ...deviceReportHeaders() } : {}),
});

/**
 * Signs in. The door's own sign-in sends `installationId` (phone/installation.ts) so the server
 * reuses this phone's device row. A supervisor's confirmation uses `checkCredential` instead.
 */
export async function signIn(server: string, eventId: string, credential: string, deviceName?: string, installationId?: string): Promise<MobileLoginResponse> {
  const request: MobileLoginRequest = {
    event_id: eventId,
    credential,
    ...(deviceName ? { device_name: deviceName } : {}),
    ...(installationId ? { installation_id: installationId } : {}),
  };
  const body = JSON.stringify(request);
  return (await call(`${server}/api/v1/mobile/login`, { method: 'POST', headers: phoneHeaders(), body }, mobileLoginResponseSchema)).data;
}

/**
 * Asks which role a credential typed on this door has (a supervisor confirming), without
 * signing anything in: the devices board gets no row for it. Offline: a NetworkError.
 */
export async function checkCredential(server: string, eventId: string, credential: string): Promise<CredentialCheckResponse> {
  const request: CredentialCheckRequest = { event_id: eventId, credential };
  const init = { method: 'POST', headers: phoneHeaders(), body: JSON.stringify(request) };
  return (await call(`${server}/api/v1/mobile/credential-check`, init, credentialCheckResponseSchema)).data;
}

export interface CheckInAnswer {
  result: ScanResult;
  decidedLocally: boolean;
  /** In the service worker, when it decided: time to the verdict, and to the verdict stored. */
  decisionMs: number | null;
  storedMs: number | null;
}

export async function checkIn(
  session: StoredSession,
  scan: { scan_id: string; ticket_code: string; direction: Direction; scanned_at: string; clock_offset_ms?: number },
): Promise<CheckInAnswer> {
  const body = JSON.stringify({ ...scan, ...(session.scanning_entrance_id ? { entrance_id: session.scanning_entrance_id } : {}) });
  const { data, headers } = await call(`${session.server}/api/v1/check-in`, { method: 'POST', headers: phoneHeaders(session.token), body }, scanResultSchema);
  const ms = (name: string) => (headers.get(name) === null ? null : Number(headers.get(name)));
  return { result: data, decidedLocally: headers.get(DECIDED_HEADER) === 'locally', decisionMs: ms(DECISION_MS_HEADER), storedMs: ms(STORED_MS_HEADER) };
}

/** The delta answer, with the optional `total` a server may add for progress bars. */
const deltaWithTotal = attendeesDeltaResponseSchema.extend({ total: z.number().int().nonnegative().optional() });

export async function fetchAttendees(
  session: StoredSession,
  since: string | null,
  limit: number,
  rulesVersion?: number,
): Promise<AttendeesDeltaResponse & { total?: number }> {
  const q = new URLSearchParams({ limit: String(limit) });
  if (since) q.set('since', since);
  if (rulesVersion !== undefined) q.set('rules_version', String(rulesVersion));
  return (await call(`${session.server}/api/v1/mobile/attendees?${q}`, { headers: phoneHeaders(session.token) }, deltaWithTotal)).data;
}

export async function fetchConflicts(session: StoredSession, since: string | null, limit: number): Promise<ConflictsResponse> {
  const q = new URLSearchParams({ limit: String(limit), since: since ?? '0' });
  return (await call(`${session.server}/api/v1/mobile/conflicts?${q}`, { headers: phoneHeaders(session.token) }, conflictsResponseSchema)).data;
}

/** The outbox upload (POST /api/v1/mobile/scans); the service worker passes its own fetch. */
export async function uploadScans(session: StoredSession, batch: ScansBatchRequest, fetchFn?: Fetch): Promise<ScansBatchResponse> {
  const init = { method: 'POST', headers: phoneHeaders(session.token), body: JSON.stringify(batch) };
  return (await call(`${session.server}/api/v1/mobile/scans`, init, scansBatchResponseSchema, fetchFn)).data;
}
