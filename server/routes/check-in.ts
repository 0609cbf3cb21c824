// Online check-in (one scan) and the batch upload under /api/v1/check-in (Bearer token).
// Both refuse a protocol version they do not speak first (426/400 unsupported_protocol).
import { Hono } from 'hono';
import { checkInRequestSchema } from '../../shared/protocol/check-in.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { checkInOnline } from '../checkin/check-in-online.ts';
import { validate } from '../http/validate.ts';
import { requireDevice } from '../auth/bearer.ts';
import { requireSupportedProtocol } from '../mobile/protocol-version.ts';
import { requireJson } from '../http/content-type.ts';
import { phoneThrottles, type PhoneThrottles } from '../mobile/throttles.ts';
import { scanUploadRoute } from './mobile.ts';

export function checkInRoutes(deps: AppDeps, throttles: PhoneThrottles = phoneThrottles(deps)) {
  return (
    new Hono<AppEnv>()
      // recordScans re-checks the credential in the transaction's first round trip.
      .post(
        '/api/v1/check-in',
        requireSupportedProtocol,
        requireDevice(deps, { checkCredential: false }),
        requireJson,
        validate('json', checkInRequestSchema),
        async (c) => c.json({ data: await checkInOnline(deps, c.get('device')!, c.req.valid('json')) }),
      )
      .route('/api/v1/check-in/batch', scanUploadRoute(deps, throttles))
  );
}
