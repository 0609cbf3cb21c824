// Ticket types per event: list, create, change.
import { Hono } from 'hono';
import { createTicketTypeRequestSchema, updateTicketTypeRequestSchema } from '../../shared/protocol/ticket-types.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { listTicketTypes } from '../db/repos/ticket-types.ts';
import { eventAccess, requireUser } from '../auth/require-role.ts';
import { validate } from '../http/validate.ts';
import { requireJson } from '../http/content-type.ts';
import { changeTicketType, createTicketType } from '../organiser/ticket-types.ts';
import { ticketTypeDto } from '../organiser/wire.ts';

export function ticketTypeRoutes({ database }: AppDeps) {
  return new Hono<AppEnv>()
    .use('/api/v1/events/:id/ticket-types', eventAccess())
    .use('/api/v1/events/:id/ticket-types/*', eventAccess())
    .get('/api/v1/events/:id/ticket-types', async (c) => c.json({ data: (await listTicketTypes(database.db, c.var.event.id)).map(ticketTypeDto) }))
    .post('/api/v1/events/:id/ticket-types', requireJson, validate('json', createTicketTypeRequestSchema), async (c) => {
      const row = await createTicketType(database, requireUser(c).id, c.var.event.id, c.req.valid('json'));
      return c.json({ data: ticketTypeDto(row) }, 201);
    })
    .patch('/api/v1/events/:id/ticket-types/:tid', requireJson, validate('json', updateTicketTypeRequestSchema), async (c) => {
      const row = await changeTicketType(database, requireUser(c).id, c.var.event.id, c.req.param('tid'), c.req.valid('json'));
      return c.json({ data: ticketTypeDto(row) });
    });
}
