// Console sessions: the fc_session cookie carries a signed token (jose HS256, key derived
// from SECRET_KEY_BASE) naming a `sessions` row. The middleware re-reads that row on every
// request, so revoking a session, its expiry or disabling its user takes effect at once.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createHmac } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { SESSION_COOKIE } from '../../shared/protocol/console-auth.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { findLiveSessionUser } from '../db/repos/sessions.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** Set on every /api/v1 request so shared guards (requireEventAccess) can read the database. */
    database: Database;
  }
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const AUDIENCE = 'fastcheck-console';

/** Phone routes authenticate with Bearer tokens; the console session is never read there. */
export const isPhonePath = (path: string) => /^\/api\/v1\/(mobile(\/|$)|check-in(\/|$))/.test(path);

function sessionKey(config: Pick<Config, 'secrets'>): Uint8Array {
  // A key of its own, so the session signer never shares bytes with other uses of the secret.
  return createHmac('sha256', config.secrets.SECRET_KEY_BASE).update('fastcheck/console-session/v1').digest();
}

export async function signSessionToken(config: Pick<Config, 'secrets'>, sessionId: string, now: Date, expiresAt: Date): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sessionId)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(sessionKey(config));
}

/** The session id in a valid, unexpired token, else null. */
export async function readSessionToken(config: Pick<Config, 'secrets'>, token: string, now: Date): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, sessionKey(config), { algorithms: ['HS256'], audience: AUDIENCE, currentDate: now });
    return typeof payload.sub === 'string' && /^[0-9a-f-]{36}$/i.test(payload.sub) ? payload.sub : null;
  } catch {
    return null;
  }
}

export function isHttpsRequest(c: Context, config: Pick<Config, 'https' | 'trustProxy'>): boolean {
  if (config.https.enabled) return true;
  if (new URL(c.req.url).protocol === 'https:') return true;
  return config.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export function setSessionCookie(c: Context, config: Config, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: isHttpsRequest(c, config),
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(c: Context, config: Config): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: isHttpsRequest(c, config) });
}

/**
 * Puts the signed-in user on `c.var.user` when the cookie names a live session; leaves it
 * unset otherwise (routes that need a user answer 401 through requireUser).
 */
export function consoleSession({ database, config, clock }: Pick<AppDeps, 'database' | 'config' | 'clock'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('database', database);
    if (isPhonePath(c.req.path)) return next();
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const now = clock.now();
      const sessionId = await readSessionToken(config, token, now);
      const user = sessionId ? await findLiveSessionUser(database.db, sessionId, now) : undefined;
      if (user && sessionId) c.set('user', { id: user.id, email: user.email, name: user.name, role: user.role, sessionId });
    }
    return next();
  };
}
