// Entrances per event: list, create, change, remove.
import { Hono } from 'hono';
import { createEntranceRequestSchema, updateEntranceRequestSchema } from '../../shared/protocol/entrances.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { listEntrances } from '../db/repos/entrances.ts';
import { eventAccess, requireUser } from '../auth/require-role.ts';
import { validate } from '../http/validate.ts';
import { requireJson } from '../http/content-type.ts';
import { changeEntrance, createEntrance, deleteEntrance } from '../organiser/entrances.ts';
import { entranceDto } from '../organiser/wire.ts';

export function entranceRoutes({ database }: AppDeps) {
  return new Hono<AppEnv>()
    .use('/api/v1/events/:id/entrances', eventAccess())
    .use('/api/v1/events/:id/entrances/*', eventAccess())
    .get('/api/v1/events/:id/entrances', async (c) => c.json({ data: (await listEntrances(database.db, c.var.event.id)).map(entranceDto) }))
    .post('/api/v1/events/:id/entrances', requireJson, validate('json', createEntranceRequestSchema), async (c) => {
      const row = await createEntrance(database, requireUser(c).id, c.var.event.id, c.req.valid('json'));
      return c.json({ data: entranceDto(row) }, 201);
    })
    .patch('/api/v1/events/:id/entrances/:eid', requireJson, validate('json', updateEntranceRequestSchema), async (c) => {
      const row = await changeEntrance(database, requireUser(c).id, c.var.event.id, c.req.param('eid'), c.req.valid('json'));
      return c.json({ data: entranceDto(row) });
    })
    .delete('/api/v1/events/:id/entrances/:eid', async (c) => {
      const row = await deleteEntrance(database, requireUser(c).id, c.var.event.id, c.req.param('eid'));
      return c.json({ data: entranceDto(row) });
    });
}
