// What the attendee import tests share: an organiser's event with import helpers over a
// real app and database, and readers for the answers.
import { eq, sql } from 'drizzle-orm';
import { attendees } from '../db/schema.ts';
import { makeTestApp } from '../test/app.ts';
import type { TestDatabase } from '../test/db.ts';
import { consoleRequest, dataOf, makeUser, signIn } from './console-test-kit.ts';

export const HEADER = 'ticket_code,first_name,last_name,email,ticket_type,allowed_checkins,status';

export async function setupImport(t: () => TestDatabase) {
  const { app } = makeTestApp(t().database);
  const cookie = await signIn(app, (await makeUser(t().database, 'organiser')).email);
  const event = await dataOf(await consoleRequest(app, cookie, 'POST', '/api/v1/events', { name: 'Import night' }));
  const path = `/api/v1/events/${event.id}/attendees`;
  const importCsv = (csv: string | Blob) =>
    app.request(`${path}/import`, { method: 'POST', headers: { cookie, origin: 'http://localhost', 'content-type': 'text/csv' }, body: csv });
  const importJson = (body: unknown) => consoleRequest(app, cookie, 'POST', `${path}/import`, body);
  return { app, cookie, eventId: event.id as string, path, importCsv, importJson };
}

export const countRows = async (t: () => TestDatabase, eventId: string) =>
  (await t().database.db.select({ n: sql<number>`count(*)::int` }).from(attendees).where(eq(attendees.eventId, eventId)))[0].n;

export const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; details: Record<string, unknown> } }).error;
