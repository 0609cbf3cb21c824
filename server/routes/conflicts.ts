// The console's conflicts inbox: GET /api/v1/events/:id/conflicts lists cases (open,
// resolved or all), POST /api/v1/events/:id/conflicts/:scan_id/reviews annotates, resolves
// or reopens one. Supervisors granted the event may review it, like voiding.
import { Hono } from 'hono';
import { z } from 'zod';
import { inboxQuerySchema, reviewRequestSchema } from '../../shared/protocol/conflict-inbox.ts';
import { uuidSchema } from '../../shared/protocol/common.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { eventAccess, requireUser } from '../auth/require-role.ts';
import { inboxPage } from '../conflicts/inbox.ts';
import { reviewCase } from '../conflicts/review-case.ts';
import { requireJson } from '../http/content-type.ts';
import { validate } from '../http/validate.ts';

const caseParams = z.object({ id: z.string(), scan_id: uuidSchema });

export function conflictRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/api/v1/events/:id/conflicts', eventAccess(false), validate('query', inboxQuerySchema), async (c) =>
      c.json({ data: await inboxPage(deps.database.db, c.var.event.id, c.req.valid('query')) }),
    )
    .post(
      '/api/v1/events/:id/conflicts/:scan_id/reviews',
      eventAccess('review'),
      requireJson,
      validate('param', caseParams),
      validate('json', reviewRequestSchema),
      async (c) => c.json({ data: await reviewCase(deps, c.var.event.id, c.req.valid('param').scan_id, requireUser(c).id, c.req.valid('json')) }, 201),
    );
}
