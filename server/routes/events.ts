// Events: list, create, read, change, archive, grants, and the event's admin audit trail.
import { Hono } from 'hono';
import { z } from 'zod';
import { uuidSchema } from '../../shared/protocol/common.ts';
import { createEventRequestSchema, listEventsQuerySchema, updateEventRequestSchema, type AdminAuditPage } from '../../shared/protocol/events.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { listAudit } from '../db/repos/admin-audit.ts';
import { listEvents } from '../db/repos/events.ts';
import { allowRoles, eventAccess, requireRole, requireUser } from '../auth/require-role.ts';
import { validate } from '../http/validate.ts';
import { requireJson } from '../http/content-type.ts';
import { archiveEvent, changeEvent, createEvent, setGrant } from '../organiser/events.ts';
import { eventDto, iso } from '../organiser/wire.ts';

const grantParams = z.object({ id: z.string(), user_id: uuidSchema });
const auditQuery = z.object({
  before: z.coerce.number({ message: 'must be a number' }).int().positive().optional(),
  limit: z.coerce.number({ message: 'must be a number' }).int().min(1).max(500).default(100),
});

export function eventRoutes({ database, clock }: AppDeps) {
  return new Hono<AppEnv>()
    .use('/api/v1/events', allowRoles('admin', 'organiser', 'supervisor'))
    .use('/api/v1/events/:id', eventAccess())
    .use('/api/v1/events/:id/archive', eventAccess())
    .use('/api/v1/events/:id/grants/*', eventAccess())
    .use('/api/v1/events/:id/admin-audit', eventAccess())
    .get('/api/v1/events', validate('query', listEventsQuerySchema), async (c) => {
      const user = requireUser(c);
      const rows = await listEvents(database.db, {
        userId: user.role === 'admin' ? undefined : user.id,
        includeArchived: c.req.valid('query').include_archived === 'true',
      });
      return c.json({ data: rows.map(eventDto) });
    })
    .post('/api/v1/events', allowRoles('admin', 'organiser'), requireJson, validate('json', createEventRequestSchema), async (c) => {
      const event = await createEvent(database, requireUser(c), c.req.valid('json'));
      return c.json({ data: eventDto(event) }, 201);
    })
    .get('/api/v1/events/:id', (c) => c.json({ data: eventDto(c.var.event) }))
    .patch('/api/v1/events/:id', requireJson, validate('json', updateEventRequestSchema), async (c) => {
      const event = await changeEvent(database, requireUser(c), c.var.event, c.req.valid('json'));
      return c.json({ data: eventDto(event) });
    })
    .post('/api/v1/events/:id/archive', async (c) => {
      const event = await archiveEvent(database, requireUser(c), c.var.event, clock.now());
      return c.json({ data: eventDto(event) });
    })
    .put('/api/v1/events/:id/grants/:user_id', validate('param', grantParams), async (c) => {
      await setGrant(database, requireUser(c), c.var.event, c.req.valid('param').user_id, true);
      return c.json({ data: { event_id: c.var.event.id, user_id: c.req.valid('param').user_id } });
    })
    .delete('/api/v1/events/:id/grants/:user_id', validate('param', grantParams), async (c) => {
      await setGrant(database, requireUser(c), c.var.event, c.req.valid('param').user_id, false);
      return c.json({ data: { event_id: c.var.event.id, user_id: c.req.valid('param').user_id } });
    })
    .get('/api/v1/events/:id/admin-audit', validate('query', auditQuery), async (c) => {
      requireRole(c, 'admin', 'organiser');
      const { before, limit } = c.req.valid('query');
      const rows = await listAudit(database.db, { eventId: c.var.event.id, beforeId: before, limit });
      const page: AdminAuditPage = {
        entries: rows.map((r) => ({
          id: r.id,
          at: iso(r.at),
          user_id: r.userId,
          action: r.action,
          target_type: r.targetType,
          target_id: r.targetId,
          details: r.details,
        })),
        next_cursor: rows.length === limit ? String(rows[rows.length - 1].id) : null,
      };
      return c.json({ data: page });
    });
}
