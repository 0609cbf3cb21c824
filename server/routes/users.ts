// Admin-only user management: list, create, change (rename, role, disable, reset password).
import { Hono } from 'hono';
import { z } from 'zod';
import { createUserRequestSchema, updateUserRequestSchema } from '../../shared/protocol/users.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { listUsers } from '../db/repos/users.ts';
import { notFound } from '../http/app-error.ts';
import { allowRoles, isUuid, requireRole } from '../auth/require-role.ts';
import { validate } from '../http/validate.ts';
import { requireJson } from '../http/content-type.ts';
import { changeUser, createUser } from '../organiser/users.ts';
import { userDto } from '../organiser/wire.ts';

const idParam = z.object({ id: z.string() });

export function userRoutes({ database, clock }: AppDeps) {
  return new Hono<AppEnv>()
    .use('/api/v1/users', allowRoles('admin'))
    .use('/api/v1/users/*', allowRoles('admin'))
    .get('/api/v1/users', async (c) => {
      requireRole(c, 'admin');
      return c.json({ data: (await listUsers(database.db)).map(userDto) });
    })
    .post('/api/v1/users', requireJson, validate('json', createUserRequestSchema), async (c) => {
      const actor = requireRole(c, 'admin');
      const user = await createUser(database, actor.id, c.req.valid('json'));
      return c.json({ data: userDto(user) }, 201);
    })
    .patch('/api/v1/users/:id', validate('param', idParam), requireJson, validate('json', updateUserRequestSchema), async (c) => {
      const actor = requireRole(c, 'admin');
      const { id } = c.req.valid('param');
      if (!isUuid(id)) throw notFound('User');
      const user = await changeUser(database, actor.id, id, c.req.valid('json'), clock.now());
      return c.json({ data: userDto(user) });
    });
}
