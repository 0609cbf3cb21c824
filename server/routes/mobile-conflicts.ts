// GET /api/v1/mobile/conflicts: the event's conflicts for every door, and GET
// /api/v1/mobile/events-stream: the nudge to pull them at once (Bearer token; the event
// comes from the token only; an unsupported protocol version is refused first).
import { Hono } from 'hono';
import { conflictsQuerySchema } from '../../shared/protocol/conflicts.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { validate } from '../http/validate.ts';
import { requireDevice } from '../auth/bearer.ts';
import { eventConflicts } from '../mobile/conflicts.ts';
import { phoneEventsStream } from '../mobile/events-stream.ts';
import { PHONE_EVENTS_PATH } from '../../shared/protocol/phone-events.ts';
import { requireSupportedProtocol } from '../mobile/protocol-version.ts';

export function mobileConflictRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get(PHONE_EVENTS_PATH, requireSupportedProtocol, requireDevice(deps), (c) => phoneEventsStream(c, deps, c.get('device')!.eventId))
    .get('/api/v1/mobile/conflicts', requireSupportedProtocol, requireDevice(deps), validate('query', conflictsQuerySchema), async (c) => {
      const device = c.get('device')!;
      return c.json({ data: await eventConflicts(deps, device.eventId, c.req.valid('query')) });
    });
}
