// The phone auth middleware: a Bearer token → c.var.device, or 401. The token alone is
// not enough: its credential and device are re-read on every request, so revoking a
// credential or one phone (or the credential's expiry), or the same phone signing in again,
// stops its tokens at the next request.
// It also notes the phone's sighting for the devices board (server/mobile/device-sightings.ts).
import type { MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { readDeviceReport } from '../../shared/protocol/device-report.ts';
import { deviceSessionIsLive } from '../db/repos/devices.ts';
import { noteSighting } from '../mobile/device-sightings.ts';
import { unauthorized } from '../http/app-error.ts';
import { verifyDeviceToken } from './phone-token.ts';

export function bearerToken(header: string | undefined): string | null {
  const m = header?.match(/^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i);
  return m ? m[1] : null;
}

export const CREDENTIAL_GONE = 'This phone or its scanner credential was revoked, or the credential has expired: sign in again';

export interface RequireDeviceOptions {
  /**
   * false only where the use case re-checks the credential itself in its first round trip
   * (recordScans does, pipelined with its row locks), so the hot path saves a query.
   */
  checkCredential?: boolean;
  /**
   * true where the route records the sighting itself after its work (a sync, an upload:
   * recordSighting), so the middleware does not write it too.
   */
  routeRecordsSighting?: boolean;
}

export function requireDevice(deps: AppDeps, options: RequireDeviceOptions = {}): MiddlewareHandler<AppEnv> {
  const checkCredential = options.checkCredential ?? true;
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw unauthorized('Send the token from /api/v1/mobile/login as `Authorization: Bearer <token>`');
    const now = deps.clock.now();
    const claims = await verifyDeviceToken(deps.config, token, now);
    if (!claims) throw unauthorized('The token is malformed or expired: sign in again');
    if (checkCredential && !(await deviceSessionIsLive(deps.database.db, { credentialId: claims.cid, deviceId: claims.sub, generation: claims.gen }, now))) {
      throw unauthorized(CREDENTIAL_GONE);
    }
    c.set('device', {
      eventId: claims.evt,
      deviceId: claims.sub,
      credentialId: claims.cid,
      entranceId: claims.ent,
      role: claims.role,
      generation: claims.gen,
    });
    if (!options.routeRecordsSighting)
      noteSighting(
        deps,
        claims.sub,
        now,
        readDeviceReport((name) => c.req.header(name)),
      );
    await next();
  };
}
