// Scanner credentials per event: create (code shown once), list (never the code), revoke.
import { Hono } from 'hono';
import { createCredentialRequestSchema } from '../../shared/protocol/credentials.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { listCredentials } from '../db/repos/credentials.ts';
import { eventAccess, requireUser } from '../auth/require-role.ts';
import { validate } from '../http/validate.ts';
import { requireJson } from '../http/content-type.ts';
import { createCredential, revokeScannerCredential } from '../organiser/credentials.ts';
import { credentialDto } from '../organiser/wire.ts';

export function credentialRoutes({ database, config, clock }: AppDeps) {
  return new Hono<AppEnv>()
    .use('/api/v1/events/:id/credentials', eventAccess())
    .use('/api/v1/events/:id/credentials/*', eventAccess())
    .get('/api/v1/events/:id/credentials', async (c) => c.json({ data: (await listCredentials(database.db, c.var.event.id)).map(credentialDto) }))
    .post('/api/v1/events/:id/credentials', requireJson, validate('json', createCredentialRequestSchema), async (c) => {
      const created = await createCredential(database, {
        actorId: requireUser(c).id,
        eventId: c.var.event.id,
        // The address phones should use: PUBLIC_URL when set, else the one the console used.
        server: config.publicUrl ?? new URL(c.req.url).origin,
        now: clock.now(),
        request: c.req.valid('json'),
      });
      c.header('Cache-Control', 'no-store');
      return c.json({ data: created }, 201);
    })
    .delete('/api/v1/events/:id/credentials/:cid', async (c) => {
      const row = await revokeScannerCredential(database, requireUser(c).id, c.var.event.id, c.req.param('cid'), clock.now());
      return c.json({ data: credentialDto(row) });
    });
}
