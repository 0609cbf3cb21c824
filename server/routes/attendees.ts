// Attendees per event: bulk import (CSV or JSON, all or nothing) and the console search.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { listAttendeesQuerySchema } from '../../shared/protocol/attendees-import.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { AppError } from '../http/app-error.ts';
import { mediaType, readJsonBody, unsupportedMediaType } from '../http/content-type.ts';
import { eventAccess, requireUser } from '../auth/require-role.ts';
import { validate } from '../http/validate.ts';
import { listAttendeePage } from '../organiser/attendee-list.ts';
import { importAttendees } from '../organiser/attendee-import.ts';
import { readCsvRows, readJsonRows, type ReadRows } from '../organiser/import-rows.ts';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const importLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES,
  onError: () => {
    throw new AppError('payload_too_large', 413, `An import may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  },
});

export function attendeeRoutes({ database }: AppDeps) {
  return new Hono<AppEnv>()
    .use('/api/v1/events/:id/attendees', eventAccess())
    .use('/api/v1/events/:id/attendees/*', eventAccess())
    .post('/api/v1/events/:id/attendees/import', importLimit, async (c) => {
      const type = mediaType(c);
      let read: ReadRows;
      let format: 'csv' | 'json';
      if (type === 'text/csv' || type === 'application/csv') {
        read = await readCsvRows(c.req.raw.body);
        format = 'csv';
      } else if (type === 'application/json') {
        read = readJsonRows(await readJsonBody(c.req.raw));
        format = 'json';
      } else {
        throw unsupportedMediaType(type, 'Send the attendees as text/csv or as application/json {"attendees": […]}');
      }
      const result = await importAttendees(database, {
        eventId: c.var.event.id,
        userId: requireUser(c).id,
        rows: read.rows,
        ignoredColumns: read.ignoredColumns,
        format,
        exactCase: c.var.event.ticketCodeExactCase,
      });
      return c.json({ data: result });
    })
    .get('/api/v1/events/:id/attendees', validate('query', listAttendeesQuerySchema), async (c) =>
      c.json({ data: await listAttendeePage(database.db, c.var.event.id, c.req.valid('query')) }),
    );
}
