// Console (and supervisor phones): the audit log of scan attempts, its CSV export, and
// voiding an admitted scan.
import { Hono, type MiddlewareHandler } from 'hono';
import { stream } from 'hono/streaming';
import { auditQuerySchema, voidRequestSchema } from '../../shared/protocol/audit.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { auditCsv, auditPage } from '../checkin/audit-log.ts';
import { findVoidable, voidScan } from '../checkin/void-scan.ts';
import { forbidden, notFound } from '../http/app-error.ts';
import { isUuid, requireEventAccess } from '../auth/require-role.ts';
import { validate } from '../http/validate.ts';
import { requireDevice } from '../auth/bearer.ts';
import { requireJson } from '../http/content-type.ts';

export function auditRoutes(deps: AppDeps) {
  const device = requireDevice(deps);
  /** A phone sends a Bearer token; the console its session cookie (read by the session middleware). */
  const phoneOrConsole: MiddlewareHandler<AppEnv> = (c, next) => (c.req.header('authorization') ? device(c, next) : next());
  return new Hono<AppEnv>()
    .get('/api/v1/events/:id/check-ins', validate('query', auditQuerySchema), async (c) => {
      const event = await requireEventAccess(c, c.req.param('id'), { write: false });
      return c.json({ data: await auditPage(deps.database.db, event.id, c.req.valid('query')) });
    })
    .get('/api/v1/events/:id/check-ins.csv', validate('query', auditQuerySchema), async (c) => {
      const event = await requireEventAccess(c, c.req.param('id'), { write: false });
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="check-ins-${event.id}.csv"`);
      const query = c.req.valid('query');
      return stream(c, async (s) => {
        // A dropped download stops the export (its cursor and connection are let go at once).
        for await (const chunk of auditCsv(deps.database.db, event.id, query)) {
          await s.write(chunk);
          if (s.aborted) break;
        }
      });
    })
    .post('/api/v1/check-ins/:scan_id/void', phoneOrConsole, requireJson, validate('json', voidRequestSchema), async (c) => {
      const scanId = c.req.param('scan_id');
      if (!isUuid(scanId)) throw notFound('Scan');
      const original = await findVoidable(deps, scanId);
      const phone = c.get('device');
      if (phone) {
        if (phone.role !== 'supervisor') throw forbidden('Only a supervisor credential may void scans');
        if (phone.eventId !== original.eventId) throw notFound('Scan');
      } else {
        await requireEventAccess(c, original.eventId, { write: 'review' });
      }
      const actor = { deviceId: phone?.deviceId ?? null, userId: phone ? null : (c.get('user')?.id ?? null) };
      return c.json({ data: await voidScan(deps, original, actor, c.req.valid('json').reason) });
    });
}
