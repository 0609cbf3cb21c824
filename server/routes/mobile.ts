// Phone routes: sign-in, a supervisor's credential check, the scan upload and the attendee
// delta sync (Bearer token). The check's failures count against the sign-in throttles.
// Each refuses a protocol version it does not speak first (426/400 unsupported_protocol).
// An upload and a sync record the phone's sighting for the devices board once done.
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { attendeesDeltaQuerySchema } from '../../shared/protocol/attendees-delta.ts';
import { credentialCheckRequestSchema } from '../../shared/protocol/credential-check.ts';
import { mobileLoginRequestSchema } from '../../shared/protocol/login.ts';
import { readDeviceReport } from '../../shared/protocol/device-report.ts';
import { scansBatchRequestSchema } from '../../shared/protocol/scans-batch.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { uploadBatch } from '../checkin/upload-batch.ts';
import { validate } from '../http/validate.ts';
import { attendeesDelta, isFullDownload } from '../mobile/attendees-delta.ts';
import { requireDevice } from '../auth/bearer.ts';
import { recordSighting } from '../mobile/device-sightings.ts';
import { checkScannerCredential, mobileLogin } from '../auth/phone-login.ts';
import { requireSupportedProtocol } from '../mobile/protocol-version.ts';
import { requireJson } from '../http/content-type.ts';
import { enforce, loginAttempt, phoneThrottles, throttledLogin, type PhoneThrottles } from '../mobile/throttles.ts';

/** The upload handler, shared with /api/v1/check-in/batch. */
export function scanUploadRoute(deps: AppDeps, throttles: PhoneThrottles) {
  const requireUploader = requireDevice(deps, { routeRecordsSighting: true });
  return new Hono<AppEnv>().post('/', requireSupportedProtocol, requireUploader, requireJson, validate('json', scansBatchRequestSchema), async (c) => {
    const device = c.get('device')!;
    await enforce(throttles.scanUpload, device.deviceId, 'scan uploads from this device');
    const batch = c.req.valid('json');
    const data = await uploadBatch(deps, device, batch);
    // The outbox header counts this batch too: answered, its scans leave the phone's outbox.
    const report = readDeviceReport((name) => c.req.header(name));
    if (report.outbox !== undefined) report.outbox = Math.max(0, report.outbox - batch.scans.length);
    await recordSighting(deps, device.deviceId, { now: deps.clock.now(), report, uploaded: true });
    return c.json({ data });
  });
}

export function mobileRoutes(deps: AppDeps, throttles: PhoneThrottles = phoneThrottles(deps)) {
  return (
    new Hono<AppEnv>()
      .post('/api/v1/mobile/login', requireSupportedProtocol, requireJson, validate('json', mobileLoginRequestSchema), async (c) => {
        const input = c.req.valid('json');
        const attempt = loginAttempt(c, deps, input.event_id, input.credential);
        return c.json({ data: await throttledLogin(throttles, attempt, () => mobileLogin(deps, input)) });
      })
      // A sign-in that makes no device and no token: one guess more at the same codes, so the same counts.
      .post('/api/v1/mobile/credential-check', requireSupportedProtocol, requireJson, validate('json', credentialCheckRequestSchema), async (c) => {
        const input = c.req.valid('json');
        const attempt = loginAttempt(c, deps, input.event_id, input.credential);
        return c.json({ data: await throttledLogin(throttles, attempt, () => checkScannerCredential(deps, input)) });
      })
      .route('/api/v1/mobile/scans', scanUploadRoute(deps, throttles))
      .get(
        '/api/v1/mobile/attendees',
        requireSupportedProtocol,
        requireDevice(deps, { routeRecordsSighting: true }),
        compress({ encoding: 'gzip' }),
        validate('query', attendeesDeltaQuerySchema),
        async (c) => {
          const device = c.get('device')!;
          const query = c.req.valid('query');
          // Only whole downloads are limited: continuation pages and 30 s deltas must never starve.
          if (isFullDownload(query.since)) {
            await enforce(throttles.fullSync, `${device.eventId}:${device.deviceId}`, 'full attendee downloads for this device');
          }
          const data = await attendeesDelta(deps, device.eventId, query);
          await recordSighting(deps, device.deviceId, { now: deps.clock.now(), report: readDeviceReport((name) => c.req.header(name)), synced: true });
          return c.json({ data });
        },
      )
  );
}
