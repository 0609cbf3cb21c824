// Attendees per event: bulk import (CSV or JSON, all or nothing), the console search, and the
// desk: one attendee's history, a check-in by hand and its undo (supervisors too).
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { attendeeParamSchema, attendeeScanParamSchema, manualCheckInRequestSchema } from '../../shared/protocol/attendee-desk.ts';
import { listAttendeesQuerySchema } from '../../shared/protocol/attendees-import.ts';
import { voidRequestSchema } from '../../shared/protocol/audit.ts';
import { checkInByHand, undoByHand } from '../checkin/manual-check-in.ts';
import { attendeeHistory } from '../organiser/attendee-history.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { AppError } from '../http/app-error.ts';
import { mediaType, readJsonBody, requireJson, unsupportedMediaType } from '../http/content-type.ts';
import { eventAccess, requireUser } from '../auth/require-role.ts';
import { validate } from '../http/validate.ts';
import { listAttendeePage } from '../organiser/attendee-list.ts';
import { importAttendees, type ImportReader } from '../organiser/attendee-import.ts';
import { readCsvRows, readJsonRows } from '../organiser/import-rows.ts';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const importLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES,
  onError: () => {
    throw new AppError('payload_too_large', 413, `An import may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  },
});

export function attendeeRoutes(deps: AppDeps) {
  const { database } = deps;
  return new Hono<AppEnv>()
    .use('/api/v1/events/:id/attendees', eventAccess())
    .use('/api/v1/events/:id/attendees/import', eventAccess())
    .use('/api/v1/events/:id/attendees/:attendee_id/*', eventAccess('review'))
    .post('/api/v1/events/:id/attendees/import', importLimit, async (c) => {
      const type = mediaType(c);
      let read: ImportReader;
      let format: 'csv' | 'json';
      if (type === 'text/csv' || type === 'application/csv') {
        // Whole before the transaction opens: a slow upload never holds a connection.
        const file = new Uint8Array(await c.req.arrayBuffer());
        read = (onRows) => readCsvRows(file, onRows);
        format = 'csv';
      } else if (type === 'application/json') {
        const rows = readJsonRows(await readJsonBody(c.req.raw));
        read = async (onRows) => {
          onRows(rows.rows);
          return rows;
        };
        format = 'json';
      } else {
        throw unsupportedMediaType(type, 'Send the attendees as text/csv or as application/json {"attendees": […]}');
      }
      const result = await importAttendees(database, {
        eventId: c.var.event.id,
        userId: requireUser(c).id,
        read,
        format,
        exactCase: c.var.event.ticketCodeExactCase,
      });
      return c.json({ data: result });
    })
    .get('/api/v1/events/:id/attendees', validate('query', listAttendeesQuerySchema), async (c) =>
      c.json({ data: await listAttendeePage(database.db, c.var.event.id, c.req.valid('query')) }),
    )
    .get('/api/v1/events/:id/attendees/:attendee_id/history', validate('param', attendeeParamSchema), async (c) =>
      c.json({ data: await attendeeHistory(database.db, c.var.event, c.req.valid('param').attendee_id) }),
    )
    .post(
      '/api/v1/events/:id/attendees/:attendee_id/check-in',
      validate('param', attendeeParamSchema),
      requireJson,
      validate('json', manualCheckInRequestSchema),
      async (c) => {
        const actor = { eventId: c.var.event.id, userId: requireUser(c).id };
        return c.json({ data: await checkInByHand(deps, actor, c.req.valid('param').attendee_id, c.req.valid('json')) });
      },
    )
    .post(
      '/api/v1/events/:id/attendees/:attendee_id/check-ins/:scan_id/undo',
      validate('param', attendeeScanParamSchema),
      requireJson,
      validate('json', voidRequestSchema),
      async (c) => {
        const { attendee_id, scan_id } = c.req.valid('param');
        const actor = { eventId: c.var.event.id, userId: requireUser(c).id };
        return c.json({ data: await undoByHand(deps, actor, attendee_id, scan_id, c.req.valid('json').reason) });
      },
    );
}
