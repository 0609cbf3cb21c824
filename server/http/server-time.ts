// Stamps every phone answer with the server's clock in milliseconds (SERVER_TIME_HEADER),
// set as the answer leaves, errors included, so the phone can learn its offset from any
// response it gets (see shared/clock-skew.ts).
import type { MiddlewareHandler } from 'hono';
import { SERVER_TIME_HEADER } from '../../shared/protocol/headers.ts';
import type { AppEnv } from '../app-env.ts';
import type { Clock } from '../clock.ts';

/** The paths phones call: sign-in, check-in, uploads, delta sync, conflicts. */
export const PHONE_PATHS = ['/api/v1/mobile/*', '/api/v1/check-in', '/api/v1/check-in/*'] as const;

export function serverTimeHeader(clock: Clock): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.res.headers.set(SERVER_TIME_HEADER, String(clock.now().getTime()));
  };
}
