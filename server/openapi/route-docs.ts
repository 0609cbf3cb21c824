// What the OpenAPI document says about each route beyond what its validators already give
// (request schemas come from the routes themselves: request-schemas.ts): a summary, who may
// call it, and the schema of its answer. Keyed "METHOD /hono/path"; a test fails when a
// registered route has no entry here or an entry names no route.
import { z } from 'zod';
import { attendeesDeltaResponseSchema } from '../../shared/protocol/attendees-delta.ts';
import { attendeeHistorySchema } from '../../shared/protocol/attendee-desk.ts';
import { attendeePageSchema, importJsonRequestSchema, importResultSchema } from '../../shared/protocol/attendees-import.ts';
import { auditListResponseSchema, auditRowSchema } from '../../shared/protocol/audit.ts';
import { scanResultSchema } from '../../shared/protocol/check-in.ts';
import { conflictsResponseSchema } from '../../shared/protocol/conflicts.ts';
import { inboxCaseSchema, inboxPageSchema } from '../../shared/protocol/conflict-inbox.ts';
import { sessionResponseSchema, consoleUserSchema } from '../../shared/protocol/console-auth.ts';
import { createdCredentialSchema, credentialSchema } from '../../shared/protocol/credentials.ts';
import { deviceBoardRowSchema, deviceBoardSchema } from '../../shared/protocol/devices.ts';
import { entranceSchema } from '../../shared/protocol/entrances.ts';
import { adminAuditPageSchema, eventSchema } from '../../shared/protocol/events.ts';
import { mobileLoginResponseSchema } from '../../shared/protocol/login.ts';
import { credentialCheckResponseSchema } from '../../shared/protocol/credential-check.ts';
import { phoneEventDataSchema } from '../../shared/protocol/phone-events.ts';
import { scansBatchResponseSchema } from '../../shared/protocol/scans-batch.ts';
import { eventStatsSchema } from '../../shared/protocol/stats.ts';
import { syncRunSchema, tickeraConnectionSchema, tickeraStatusSchema } from '../../shared/protocol/tickera.ts';
import { tickeraDiscoverySchema, tickeraImportSchema } from '../../shared/protocol/tickera-import.ts';
import { ticketTypeSchema } from '../../shared/protocol/ticket-types.ts';
import { uuidSchema } from '../../shared/protocol/common.ts';

/** Who may call a route: nobody signed in, a console session cookie, a phone's Bearer token, or either. */
export type RouteAuth = 'none' | 'console' | 'phone' | 'phone-or-console';

/** A success answer: a zod schema inside the `{data}` envelope, or a stream / file of a media type. */
export type RouteAnswer =
  | { status?: number; data: z.ZodType }
  | { status?: number; json: z.ZodType }
  | { status?: number; stream: 'text/event-stream' | 'text/csv'; description: string; events?: z.ZodType };

export interface RouteDoc {
  summary: string;
  tag: string;
  auth: RouteAuth;
  answer: RouteAnswer;
  /** A body read without `validate('json')` (the attendee import takes CSV or JSON). */
  body?: Record<string, z.ZodType>;
}

const grant = z.object({ event_id: uuidSchema, user_id: uuidSchema });
const healthAnswer = z.object({ status: z.enum(['ok', 'error']), db: z.enum(['ok', 'unreachable']), reason: z.string().optional() });
const openApiAnswer = z.object({ openapi: z.string(), info: z.object({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) });

export const routeDocs: Record<string, RouteDoc> = {
  'GET /health': {
    summary: 'Liveness and database reachability (503 when the database does not answer)',
    tag: 'system',
    auth: 'none',
    answer: { json: healthAnswer },
  },
  'GET /api/openapi.json': { summary: 'This OpenAPI 3.1 document', tag: 'system', auth: 'none', answer: { json: openApiAnswer } },

  'POST /api/v1/auth/login': { summary: 'Console sign-in (sets the session cookie)', tag: 'auth', auth: 'none', answer: { data: sessionResponseSchema } },
  'POST /api/v1/auth/logout': { summary: 'Console sign-out', tag: 'auth', auth: 'console', answer: { data: sessionResponseSchema } },
  'GET /api/v1/auth/me': { summary: 'The signed-in console user', tag: 'auth', auth: 'console', answer: { data: sessionResponseSchema } },

  'GET /api/v1/users': { summary: 'List users (admin)', tag: 'users', auth: 'console', answer: { data: z.array(consoleUserSchema) } },
  'POST /api/v1/users': { summary: 'Create a user (admin)', tag: 'users', auth: 'console', answer: { status: 201, data: consoleUserSchema } },
  'PATCH /api/v1/users/:id': {
    summary: 'Rename, change role, disable or reset the password of a user (admin)',
    tag: 'users',
    auth: 'console',
    answer: { data: consoleUserSchema },
  },

  'GET /api/v1/events': { summary: 'List the events the user may see', tag: 'events', auth: 'console', answer: { data: z.array(eventSchema) } },
  'POST /api/v1/events': { summary: 'Create an event', tag: 'events', auth: 'console', answer: { status: 201, data: eventSchema } },
  'GET /api/v1/events/:id': { summary: 'Read an event', tag: 'events', auth: 'console', answer: { data: eventSchema } },
  'PATCH /api/v1/events/:id': { summary: 'Change an event', tag: 'events', auth: 'console', answer: { data: eventSchema } },
  'POST /api/v1/events/:id/archive': { summary: 'Archive an event', tag: 'events', auth: 'console', answer: { data: eventSchema } },
  'PUT /api/v1/events/:id/grants/:user_id': { summary: 'Grant a user access to an event', tag: 'events', auth: 'console', answer: { data: grant } },
  'DELETE /api/v1/events/:id/grants/:user_id': { summary: "Remove a user's access to an event", tag: 'events', auth: 'console', answer: { data: grant } },
  'GET /api/v1/events/:id/admin-audit': { summary: "The event's admin audit trail", tag: 'events', auth: 'console', answer: { data: adminAuditPageSchema } },

  'GET /api/v1/events/:id/ticket-types': { summary: 'List ticket types', tag: 'ticket types', auth: 'console', answer: { data: z.array(ticketTypeSchema) } },
  'POST /api/v1/events/:id/ticket-types': {
    summary: 'Create a ticket type',
    tag: 'ticket types',
    auth: 'console',
    answer: { status: 201, data: ticketTypeSchema },
  },
  'PATCH /api/v1/events/:id/ticket-types/:tid': { summary: 'Change a ticket type', tag: 'ticket types', auth: 'console', answer: { data: ticketTypeSchema } },

  'GET /api/v1/events/:id/entrances': { summary: 'List entrances', tag: 'entrances', auth: 'console', answer: { data: z.array(entranceSchema) } },
  'POST /api/v1/events/:id/entrances': { summary: 'Create an entrance', tag: 'entrances', auth: 'console', answer: { status: 201, data: entranceSchema } },
  'PATCH /api/v1/events/:id/entrances/:eid': { summary: 'Change an entrance', tag: 'entrances', auth: 'console', answer: { data: entranceSchema } },
  'DELETE /api/v1/events/:id/entrances/:eid': { summary: 'Remove an entrance', tag: 'entrances', auth: 'console', answer: { data: entranceSchema } },

  'GET /api/v1/events/:id/credentials': {
    summary: 'List scanner credentials (never the code)',
    tag: 'credentials',
    auth: 'console',
    answer: { data: z.array(credentialSchema) },
  },
  'POST /api/v1/events/:id/credentials': {
    summary: 'Create a scanner credential (the code is shown once)',
    tag: 'credentials',
    auth: 'console',
    answer: { status: 201, data: createdCredentialSchema },
  },
  'DELETE /api/v1/events/:id/credentials/:cid': {
    summary: 'Revoke a scanner credential',
    tag: 'credentials',
    auth: 'console',
    answer: { data: credentialSchema },
  },
  'GET /api/v1/events/:id/devices': {
    summary: 'The devices board: every phone signed in to the event, its gate, version, outbox, clock and storage as it last reported, online or stale',
    tag: 'devices',
    auth: 'console',
    answer: { data: deviceBoardSchema },
  },
  'POST /api/v1/events/:id/devices/:did/revoke': {
    summary: "Revoke one phone's sign-in: its token is refused from its next request (organiser, admin)",
    tag: 'devices',
    auth: 'console',
    answer: { data: deviceBoardRowSchema },
  },

  'POST /api/v1/events/:id/attendees/import': {
    summary:
      'Import attendees, all or nothing (text/csv with comma, semicolon or tab, headers in any case or Tickera\'s export columns; or JSON {"attendees": […]}). A refusal lists every bad line (details.problems, up to 100; details.more counts the rest)',
    tag: 'attendees',
    auth: 'console',
    body: { 'application/json': importJsonRequestSchema, 'text/csv': z.string() },
    answer: { data: importResultSchema },
  },
  'GET /api/v1/events/:id/attendees': {
    summary: 'Search attendees (accent-insensitive: "muller" finds "Müller"), counted',
    tag: 'attendees',
    auth: 'console',
    answer: { data: attendeePageSchema },
  },
  'GET /api/v1/events/:id/attendees/:attendee_id/history': {
    summary: "One attendee's scan attempts, check-ins by hand and voids, newest first",
    tag: 'attendees',
    auth: 'console',
    answer: { data: attendeeHistorySchema },
  },
  'POST /api/v1/events/:id/attendees/:attendee_id/check-in': {
    summary: 'Check an attendee in (or out) by hand at an entrance (organisers and supervisors; audited with the user)',
    tag: 'attendees',
    auth: 'console',
    answer: { data: scanResultSchema },
  },
  'POST /api/v1/events/:id/attendees/:attendee_id/check-ins/:scan_id/undo': {
    summary: "Undo an attendee's admission: a void with a reason, recorded with the user (organisers and supervisors)",
    tag: 'attendees',
    auth: 'console',
    answer: { data: auditRowSchema },
  },

  'POST /api/v1/tickera/discover': {
    summary: "The events a Tickera key covers (several for a multi-event key), with the site's time zone or why it is unknown",
    tag: 'tickera',
    auth: 'console',
    answer: { data: tickeraDiscoverySchema },
  },
  'POST /api/v1/tickera/import': {
    summary: 'Import chosen events of a Tickera key as FastCheck events, each synced on its own schedule',
    tag: 'tickera',
    auth: 'console',
    answer: { status: 201, data: tickeraImportSchema },
  },
  'POST /api/v1/events/:id/tickera': {
    summary: 'Connect the event to a Tickera site',
    tag: 'tickera',
    auth: 'console',
    answer: { data: tickeraConnectionSchema },
  },
  'GET /api/v1/events/:id/tickera': {
    summary: 'Tickera connection, last sync and write-back queue',
    tag: 'tickera',
    auth: 'console',
    answer: { data: tickeraStatusSchema },
  },
  'POST /api/v1/events/:id/sync': { summary: 'Start a Tickera sync', tag: 'tickera', auth: 'console', answer: { status: 202, data: syncRunSchema } },
  'GET /api/v1/events/:id/sync/:run': { summary: 'One sync run', tag: 'tickera', auth: 'console', answer: { data: syncRunSchema } },
  'GET /api/v1/events/:id/sync/:run/stream': {
    summary: 'Follow a sync run (SSE: `progress` events, then `done`)',
    tag: 'tickera',
    auth: 'console',
    answer: { stream: 'text/event-stream', description: 'Server-sent events; each `data` is a sync run', events: syncRunSchema },
  },

  'POST /api/v1/mobile/login': { summary: 'Phone sign-in with a scanner credential', tag: 'phone', auth: 'none', answer: { data: mobileLoginResponseSchema } },
  'POST /api/v1/mobile/credential-check': {
    summary: "Check a scanner credential's role without signing a phone in (a supervisor confirming on a door)",
    tag: 'phone',
    auth: 'none',
    answer: { data: credentialCheckResponseSchema },
  },
  'POST /api/v1/mobile/scans': { summary: "Upload the phone's outbox of scans", tag: 'phone', auth: 'phone', answer: { data: scansBatchResponseSchema } },
  'GET /api/v1/mobile/attendees': {
    summary: 'Attendee list for offline decisions (full or delta, gzip)',
    tag: 'phone',
    auth: 'phone',
    answer: { data: attendeesDeltaResponseSchema },
  },
  'GET /api/v1/mobile/conflicts': { summary: "The event's conflicts for every door", tag: 'phone', auth: 'phone', answer: { data: conflictsResponseSchema } },
  'GET /api/v1/mobile/events-stream': {
    summary: 'Nudges to pull conflicts at once (SSE)',
    tag: 'phone',
    auth: 'phone',
    answer: { stream: 'text/event-stream', description: 'Server-sent events', events: phoneEventDataSchema },
  },
  'POST /api/v1/check-in': { summary: 'Online check-in: the server decides one scan', tag: 'check-in', auth: 'phone', answer: { data: scanResultSchema } },
  'POST /api/v1/check-in/batch': {
    summary: 'Upload a batch of scans (same as /api/v1/mobile/scans)',
    tag: 'check-in',
    auth: 'phone',
    answer: { data: scansBatchResponseSchema },
  },

  'GET /api/v1/events/:id/check-ins': { summary: 'The audit log of scan attempts', tag: 'audit', auth: 'console', answer: { data: auditListResponseSchema } },
  'GET /api/v1/events/:id/check-ins.csv': {
    summary: 'The audit log as CSV',
    tag: 'audit',
    auth: 'console',
    answer: { stream: 'text/csv', description: 'One line per scan attempt' },
  },
  'POST /api/v1/check-ins/:scan_id/void': {
    summary: 'Void an admitted scan (console, or a supervisor phone)',
    tag: 'audit',
    auth: 'phone-or-console',
    answer: { data: auditRowSchema },
  },
  'GET /api/v1/events/:id/conflicts': {
    summary: 'The conflicts inbox: double admissions and offline refusals the server holds valid, open or resolved',
    tag: 'audit',
    auth: 'console',
    answer: { data: inboxPageSchema },
  },
  'POST /api/v1/events/:id/conflicts/:scan_id/reviews': {
    summary: 'Annotate, resolve or reopen a case of the conflicts inbox (supervisors of the event too)',
    tag: 'audit',
    auth: 'console',
    answer: { status: 201, data: inboxCaseSchema },
  },

  'GET /api/v1/events/:id/stats': { summary: 'Live numbers of an event', tag: 'stats', auth: 'console', answer: { data: eventStatsSchema } },
  'GET /api/v1/events/:id/stream': {
    summary: 'Live numbers as SSE (`stats` events)',
    tag: 'stats',
    auth: 'console',
    answer: { stream: 'text/event-stream', description: 'Server-sent events; each `data` is the event stats', events: eventStatsSchema },
  },
};
