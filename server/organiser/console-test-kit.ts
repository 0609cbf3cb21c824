// Test helpers for console routes: users of each role straight in the database, a signed-in
// cookie per user, and same-origin requests as the console itself sends them.
import { hashPassword } from '../auth/password.ts';
import type { Database } from '../db/client.ts';
import { insertUser, type UserRow } from '../db/repos/users.ts';
import type { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Role } from '../auth/require-role.ts';
import { deviceBoardSchema, type DeviceBoard } from '../../shared/protocol/devices.ts';

export const TEST_ORIGIN = 'http://localhost';
export const TEST_PASSWORD = 'correct horse battery staple';

let passwordHash: Promise<string> | undefined;
let seq = 0;

export async function makeUser(database: Database, role: Role, email?: string): Promise<UserRow> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const user = await insertUser(database.db, {
    email: email ?? `${role}-${Date.now().toString(36)}-${++seq}@example.test`,
    name: `Test ${role}`,
    role,
    passwordHash: await passwordHash,
  });
  if (!user) throw new Error('test user email taken');
  return user;
}

/** Signs in through the real route; returns the Cookie header value. */
export async function signIn(app: Hono<AppEnv>, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: TEST_ORIGIN },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0];
}

/** A request as the console sends it: the cookie, our own Origin, JSON or raw body. */
export async function consoleRequest(
  app: Hono<AppEnv>,
  cookie: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const h: Record<string, string> = { origin: TEST_ORIGIN, ...headers };
  if (cookie) h.cookie = cookie;
  let payload: string | undefined;
  if (body !== undefined) {
    if (typeof body === 'string') payload = body;
    else {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
  }
  return app.request(path, { method, headers: h, body: payload });
}

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies by path; the server's schemas are what they check
export async function dataOf<T = any>(res: Response): Promise<T> {
  const body = (await res.json()) as { data?: T; error?: unknown };
  if (!res.ok) throw new Error(`expected success, got ${res.status}: ${JSON.stringify(body)}`);
  return body.data as T;
}

/** The devices board of an event as a console user sees it (GET /api/v1/events/:id/devices). */
export async function deviceBoard(app: Hono<AppEnv>, cookie: string, eventId: string): Promise<DeviceBoard> {
  return deviceBoardSchema.parse(await dataOf(await consoleRequest(app, cookie, 'GET', `/api/v1/events/${eventId}/devices`)));
}
