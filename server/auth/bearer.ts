// The phone auth middleware: a Bearer token → c.var.device, or 401. The token alone is
// not enough: its credential is re-read on every request, so revoking a credential (or
// its expiry) stops its tokens at the next request.
import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { credentialIsLive, touchDevice } from '../db/repos/devices.ts';
import { unauthorized } from '../http/app-error.ts';
import { verifyDeviceToken } from './phone-token.ts';

/** last_seen_at is written at most this often per device (not on every scan). */
const TOUCH_EVERY_MS = 60_000;

export function bearerToken(header: string | undefined): string | null {
  const m = header?.match(/^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i);
  return m ? m[1] : null;
}

export const CREDENTIAL_GONE = 'This scanner credential was revoked or has expired: sign in again';

export interface RequireDeviceOptions {
  /**
   * false only where the use case re-checks the credential itself in its first round trip
   * (recordScans does, pipelined with its row locks), so the hot path saves a query.
   */
  checkCredential?: boolean;
}

export function requireDevice(deps: AppDeps, options: RequireDeviceOptions = {}): MiddlewareHandler<AppEnv> {
  const checkCredential = options.checkCredential ?? true;
  const touched = new Map<string, number>();
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw unauthorized('Send the token from /api/v1/mobile/login as `Authorization: Bearer <token>`');
    const now = deps.clock.now();
    const claims = await verifyDeviceToken(deps.config, token, now);
    if (!claims) throw unauthorized('The token is malformed or expired: sign in again');
    if (checkCredential && !(await credentialIsLive(deps.database.db, claims.cid, now))) throw unauthorized(CREDENTIAL_GONE);
    c.set('device', { eventId: claims.evt, deviceId: claims.sub, credentialId: claims.cid, entranceId: claims.ent, role: claims.role });
    const last = touched.get(claims.sub) ?? 0;
    if (now.getTime() - last > TOUCH_EVERY_MS) {
      touched.set(claims.sub, now.getTime());
      if (touched.size > 10_000) touched.clear();
      touchDevice(deps.database.db, claims.sub, now).catch((err) => deps.logger.warn({ err }, 'device touch failed'));
    }
    await next();
  };
}
