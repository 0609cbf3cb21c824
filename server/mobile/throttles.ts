// The phone-side rate limits, on the shared limiter (memory, or Redis when REDIS_URL is
// set): failed sign-ins per client IP and per credential tried, full attendee downloads per
// device and event (RATE_LIMIT_SYNC per 5 minutes), and scan uploads per device
// (RATE_LIMIT_SCAN per minute). Sign-in counts failures only: sixty doors behind one venue
// NAT all sign in at the start of a shift, while guessing codes is stopped by its failures.
import type { Context } from 'hono';
import type { AppDeps } from '../app-env.ts';
import { AppError } from '../http/app-error.ts';
import { clientIp } from '../http/client-ip.ts';
import { rateLimiterFromConfig, type RateLimiter } from '../http/rate-limit.ts';
import { getOrInsert } from '../../shared/get-or-insert.ts';
import { hashCredentialCode } from '../auth/credential-code.ts';

/** Failed sign-ins allowed per window: from one address, and against one credential code. */
export const PHONE_LOGIN_FAILURES = { perIp: 30, perCredential: 10, windowMs: 10 * 60_000 };
export const FULL_SYNC_WINDOW_MS = 5 * 60_000;
export const SCAN_UPLOAD_WINDOW_MS = 60_000;

export interface PhoneThrottles {
  loginFailuresByIp: RateLimiter;
  loginFailuresByCredential: RateLimiter;
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
    loginFailuresByIp: make('phone-login-fail-ip', PHONE_LOGIN_FAILURES.perIp, PHONE_LOGIN_FAILURES.windowMs),
    loginFailuresByCredential: make('phone-login-fail-cred', PHONE_LOGIN_FAILURES.perCredential, PHONE_LOGIN_FAILURES.windowMs),
    fullSync: make('phone-full-sync', deps.config.rateLimitSync, FULL_SYNC_WINDOW_MS),
    scanUpload: make('phone-scan-upload', deps.config.rateLimitScan, SCAN_UPLOAD_WINDOW_MS),
  };
}

/** Counts one attempt; a refused one is a 429 with Retry-After. */
export async function enforce(limiter: RateLimiter, key: string, what: string): Promise<void> {
  const r = await limiter.hit(key);
  if (!r.allowed) throw rateLimited(r.retryAfterSeconds, what);
}

function rateLimited(retryAfterSeconds: number, what: string): AppError {
  return new AppError(
    'rate_limited',
    429,
    `Too many ${what}: try again in ${retryAfterSeconds} s`,
    { retry_after: retryAfterSeconds },
    {
      'Retry-After': String(retryAfterSeconds),
    },
  );
}

/** Where a sign-in comes from and what it tries: an address, and the event plus the code's hash. */
export interface LoginAttempt {
  ip: string;
  credential: string;
}

export function loginAttempt(c: Context, deps: Pick<AppDeps, 'config'>, eventId: string, credential: string): LoginAttempt {
  return { ip: clientIp(c, deps.config), credential: `${eventId}:${hashCredentialCode(credential)}` };
}

/**
 * Runs a sign-in unless its address or its credential has failed too often; a failure
 * (401) is counted against both. Checked before and counted after, so concurrent
 * failures can pass the limit by at most the number in flight, and successes never count.
 */
export async function throttledLogin<T>(throttles: PhoneThrottles, attempt: LoginAttempt, signIn: () => Promise<T>): Promise<T> {
  const [ip, credential] = await Promise.all([throttles.loginFailuresByIp.peek(attempt.ip), throttles.loginFailuresByCredential.peek(attempt.credential)]);
  if (!ip.allowed) throw rateLimited(ip.retryAfterSeconds, 'failed sign-ins from this address');
  if (!credential.allowed) throw rateLimited(credential.retryAfterSeconds, 'failed sign-ins with this credential');
  try {
    return await signIn();
  } catch (err) {
    if (err instanceof AppError && err.status === 401) {
      await Promise.all([throttles.loginFailuresByIp.hit(attempt.ip), throttles.loginFailuresByCredential.hit(attempt.credential)]);
    }
    throw err;
  }
}
