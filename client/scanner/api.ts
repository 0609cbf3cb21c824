// The phone's calls to the server, each parsed with its shared schema. Check-ins go
// through the service worker (which may answer locally); the others go straight out.
import { attendeesDeltaResponseSchema, type AttendeesDeltaResponse } from '../../shared/protocol/attendees-delta.ts';
import { scanResultSchema, type ScanResult } from '../../shared/protocol/check-in.ts';
import { conflictsResponseSchema, type ConflictsResponse } from '../../shared/protocol/conflicts.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type Direction } from '../../shared/protocol/common.ts';
import { mobileLoginResponseSchema, type MobileLoginResponse } from '../../shared/protocol/login.ts';
import type { StoredSession } from '../../phone/rows.ts';
import { z } from 'zod';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** No answer at all: the server is down or there is no network. */
export class NetworkError extends Error {}

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

async function call<T>(url: string, init: RequestInit, schema: z.ZodType<T>): Promise<{ data: T; headers: Headers }> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (e) {
    throw new NetworkError((e as Error).message);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = errorSchema.safeParse(body);
    if (res.status >= 500 && !err.success) throw new NetworkError(`HTTP ${res.status}`);
    throw new ApiError(res.status, err.success ? err.data.error.code : 'http_error', err.success ? err.data.error.message : `HTTP ${res.status}`);
  }
  const data = schema.safeParse((body as { data?: unknown } | null)?.data);
  if (!data.success) throw new ApiError(res.status, 'bad_answer', 'The server answered something this app does not understand');
  return { data: data.data, headers: res.headers };
}

const jsonHeaders = (token?: string): Record<string, string> => ({
  'content-type': 'application/json',
  [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

export async function signIn(server: string, eventId: string, credential: string, deviceName?: string): Promise<MobileLoginResponse> {
  const body = JSON.stringify({ event_id: eventId, credential, ...(deviceName ? { device_name: deviceName } : {}) });
  return (await call(`${server}/api/v1/mobile/login`, { method: 'POST', headers: jsonHeaders(), body }, mobileLoginResponseSchema)).data;
}

export interface CheckInAnswer {
  result: ScanResult;
  decidedLocally: boolean;
  /** In the service worker, when it decided: time to the verdict, and to the verdict stored. */
  decisionMs: number | null;
  storedMs: number | null;
}

export async function checkIn(session: StoredSession, scan: { scan_id: string; ticket_code: string; direction: Direction; scanned_at: string }): Promise<CheckInAnswer> {
  const body = JSON.stringify({ ...scan, ...(session.scanning_entrance_id ? { entrance_id: session.scanning_entrance_id } : {}) });
  const { data, headers } = await call(`${session.server}/api/v1/check-in`, { method: 'POST', headers: jsonHeaders(session.token), body }, scanResultSchema);
  const ms = (name: string) => (headers.get(name) === null ? null : Number(headers.get(name)));
  return { result: data, decidedLocally: headers.get('x-fastcheck-decided') === 'locally', decisionMs: ms('x-fastcheck-decision-ms'), storedMs: ms('x-fastcheck-stored-ms') };
}

/** The delta answer, with the optional `total` a server may add for progress bars. */
const deltaWithTotal = attendeesDeltaResponseSchema.extend({ total: z.number().int().nonnegative().optional() });

export async function fetchAttendees(session: StoredSession, since: string | null, limit: number): Promise<AttendeesDeltaResponse & { total?: number }> {
  const q = new URLSearchParams({ limit: String(limit) });
  if (since) q.set('since', since);
  return (await call(`${session.server}/api/v1/mobile/attendees?${q}`, { headers: jsonHeaders(session.token) }, deltaWithTotal)).data;
}

export async function fetchConflicts(session: StoredSession, since: string | null, limit: number): Promise<ConflictsResponse> {
  const q = new URLSearchParams({ limit: String(limit), since: since ?? '0' });
  return (await call(`${session.server}/api/v1/mobile/conflicts?${q}`, { headers: jsonHeaders(session.token) }, conflictsResponseSchema)).data;
}
