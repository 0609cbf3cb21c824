// Console: live numbers of one event, as JSON and as an SSE stream.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { requireEventAccess } from '../auth/require-role.ts';
import { eventStats } from '../stats/event-stats.ts';
import { statsStream } from '../stats/stream.ts';

export function statsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/api/v1/events/:id/stats', async (c) => {
      const event = await requireEventAccess(c, c.req.param('id'), { write: false });
      return c.json({ data: await eventStats(deps, event.id) });
    })
    .get('/api/v1/events/:id/stream', async (c) => {
      const event = await requireEventAccess(c, c.req.param('id'), { write: false });
      return statsStream(c, deps, event.id);
    });
}
