// The phone-side rate limits, on the shared limiter (memory, or Redis when REDIS_URL is
// set): sign-in attempts per client IP, full attendee downloads per device and event
// (RATE_LIMIT_SYNC per 5 minutes), and scan uploads per device (RATE_LIMIT_SCAN per minute).
import type { Context } from 'hono';
import type { AppDeps } from '../app-env.ts';
import { AppError } from '../http/app-error.ts';
import { clientIp } from '../http/client-ip.ts';
import { rateLimiterFromConfig, type RateLimiter } from '../http/rate-limit.ts';
import { getOrInsert } from '../../shared/get-or-insert.ts';

export const PHONE_LOGIN_LIMIT = { perIp: 30, windowMs: 60_000 };
export const FULL_SYNC_WINDOW_MS = 5 * 60_000;
export const SCAN_UPLOAD_WINDOW_MS = 60_000;

export interface PhoneThrottles {
  loginByIp: RateLimiter;
  fullSync: RateLimiter;
  scanUpload: RateLimiter;
}

const perApp = new WeakMap<object, PhoneThrottles>();

/** One set per app (deps), so /mobile/scans and /check-in/batch share one count. */
export function phoneThrottles(deps: Pick<AppDeps, 'config' | 'clock'>): PhoneThrottles {
  return getOrInsert(perApp, deps, () => makeThrottles(deps));
}

function makeThrottles(deps: Pick<AppDeps, 'config' | 'clock'>): PhoneThrottles {
  const now = () => deps.clock.now().getTime();
  const make = (prefix: string, limit: number, windowMs: number) => rateLimiterFromConfig(deps.config, { prefix, limit, windowMs, window: 'sliding', now });
  return {
    loginByIp: make('phone-login-ip', PHONE_LOGIN_LIMIT.perIp, PHONE_LOGIN_LIMIT.windowMs),
    fullSync: make('phone-full-sync', deps.config.rateLimitSync, FULL_SYNC_WINDOW_MS),
    scanUpload: make('phone-scan-upload', deps.config.rateLimitScan, SCAN_UPLOAD_WINDOW_MS),
  };
}

/** Counts one attempt; a refused one is a 429 with Retry-After. */
export async function enforce(limiter: RateLimiter, key: string, what: string): Promise<void> {
  const r = await limiter.hit(key);
  if (r.allowed) return;
  throw new AppError(
    'rate_limited',
    429,
    `Too many ${what}: try again in ${r.retryAfterSeconds} s`,
    { retry_after: r.retryAfterSeconds },
    {
      'Retry-After': String(r.retryAfterSeconds),
    },
  );
}

export const loginKey = (c: Context, deps: Pick<AppDeps, 'config'>) => clientIp(c, deps.config);
