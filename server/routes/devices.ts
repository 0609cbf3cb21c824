// Console: the devices board of one event (every phone signed in, with what it reported)
// and revoking one phone's sign-in. Organisers and admins revoke; supervisors may look.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { eventAccess, requireUser } from '../auth/require-role.ts';
import { readDeviceBoard, revokeEventDevice } from '../organiser/device-board.ts';

export function deviceRoutes({ database, clock }: AppDeps) {
  return new Hono<AppEnv>()
    .use('/api/v1/events/:id/devices', eventAccess())
    .use('/api/v1/events/:id/devices/*', eventAccess())
    .get('/api/v1/events/:id/devices', async (c) => c.json({ data: await readDeviceBoard(database, c.var.event.id, clock.now()) }))
    .post('/api/v1/events/:id/devices/:did/revoke', async (c) => {
      const row = await revokeEventDevice(database, { actorId: requireUser(c).id, eventId: c.var.event.id, deviceId: c.req.param('did'), now: clock.now() });
      return c.json({ data: row });
    });
}
