// Console sign-in: checks the password, throttles guessing per IP and per (email, IP) pair
// (a stranger guessing from elsewhere cannot lock the admin out), and
// opens a session row. Every failure looks the same (401 after the same minimum delay,
// whether or not the email exists), so responses do not reveal which accounts exist.
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { insertSession } from '../db/repos/sessions.ts';
import { findUserByEmail, updateUser, type UserRow } from '../db/repos/users.ts';
import { AppError } from '../http/app-error.ts';
import { rateLimiterFromConfig, type RateLimiter } from '../http/rate-limit.ts';
import { SESSION_TTL_MS, signSessionToken } from './console-session.ts';
import { hashPassword, needsRehash, verifyPassword } from './password.ts';

/** Attempts allowed per 15 minutes: per (email, IP) pair, and a higher bound per IP. */
export const LOGIN_LIMITS = { perEmailAndIp: 10, perIp: 50, windowMs: 15 * 60 * 1000 };
/** A failed sign-in never answers sooner than this. */
export const LOGIN_FAILURE_DELAY_MS = 400;

export interface LoginThrottle {
  byIp: RateLimiter;
  byEmailAndIp: RateLimiter;
}

export function loginThrottle(config: Pick<Config, 'redisUrl'>): LoginThrottle {
  const common = { windowMs: LOGIN_LIMITS.windowMs, window: 'sliding' as const };
  return {
    byIp: rateLimiterFromConfig(config, { ...common, limit: LOGIN_LIMITS.perIp, prefix: 'login-ip' }),
    byEmailAndIp: rateLimiterFromConfig(config, { ...common, limit: LOGIN_LIMITS.perEmailAndIp, prefix: 'login-email-ip' }),
  };
}

let dummyHash: Promise<string> | undefined;
/** Verified against when the email is unknown, so that path costs one scrypt too. */
const dummyPasswordHash = () => (dummyHash ??= hashPassword('fastcheck-no-such-user'));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface LoginInput {
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

export async function login(
  deps: { database: Database; config: Config; clock: Clock; throttle: LoginThrottle },
  input: LoginInput,
): Promise<{ user: UserRow; token: string }> {
  const started = Date.now();
  const email = input.email.trim().toLowerCase();
  const [ip, byEmail] = await Promise.all([deps.throttle.byIp.hit(input.ip), deps.throttle.byEmailAndIp.hit(`${email} ${input.ip}`)]);
  if (!ip.allowed || !byEmail.allowed) {
    const retry = Math.max(ip.retryAfterSeconds, byEmail.retryAfterSeconds);
    throw new AppError(
      'rate_limited',
      429,
      `Too many sign-in attempts; try again in ${retry} s`,
      { retry_after_seconds: retry },
      {
        'Retry-After': String(retry),
      },
    );
  }

  const user = await findUserByEmail(deps.database.db, email);
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !passwordOk || user.disabledAt) {
    await sleep(Math.max(0, LOGIN_FAILURE_DELAY_MS - (Date.now() - started)));
    throw new AppError('unauthorized', 401, 'Email or password is wrong');
  }

  // Hashes made with older, weaker parameters are upgraded while the password is at hand.
  if (needsRehash(user.passwordHash)) {
    await updateUser(deps.database.db, user.id, { passwordHash: await hashPassword(input.password) });
  }

  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  const sessionId = await insertSession(deps.database.db, { userId: user.id, expiresAt, ip: input.ip, userAgent: input.userAgent });
  return { user, token: await signSessionToken(deps.config, sessionId, now, expiresAt) };
}
