// CSRF defence for the console: a mutating request that carries the session cookie must
// come from our own origin (Origin header, or Sec-Fetch-Site: same-origin). Sign-in is
// checked too when the browser says where it comes from. Phone routes (Bearer tokens,
// no cookie authority) are never affected.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../../shared/protocol/console-auth.ts';
import type { AppEnv } from '../app-env.ts';
import type { Config } from '../config.ts';
import { AppError } from './app-error.ts';
import { isPhonePath } from '../auth/console-session.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LOGIN_PATH = '/api/v1/auth/login';

/** The origins this server answers as: its own request URL (proxy-aware) and PUBLIC_URL. */
function ownOrigins(c: Context, config: Pick<Config, 'publicUrl' | 'trustProxy'>): string[] {
  const url = new URL(c.req.url);
  const origins = [url.origin];
  if (config.trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim() ?? c.req.header('host');
    if (proto && host) origins.push(`${proto}://${host}`);
  }
  if (config.publicUrl) origins.push(new URL(config.publicUrl).origin);
  return origins;
}

export function csrfProtection(config: Pick<Config, 'publicUrl' | 'trustProxy'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!MUTATING.has(c.req.method) || isPhonePath(c.req.path)) return next();
    const usesCookie = getCookie(c, SESSION_COOKIE) !== undefined;
    const isLogin = c.req.path === LOGIN_PATH;
    if (!usesCookie && !isLogin) return next();

    const fetchSite = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    if (fetchSite === 'same-origin') return next();
    if (origin && origin !== 'null' && ownOrigins(c, config).includes(origin)) return next();
    // A sign-in from a script (no browser headers at all) carries no ambient authority.
    if (isLogin && !usesCookie && !origin && !fetchSite) return next();
    throw new AppError('csrf_rejected', 403, 'Cross-site request refused: send it from the FastCheck console itself', {
      origin: origin ?? null,
      sec_fetch_site: fetchSite ?? null,
    });
  };
}
