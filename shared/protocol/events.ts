// Events: GET/POST /api/v1/events, GET/PATCH /api/v1/events/:id, POST …/:id/archive,
// PUT/DELETE …/:id/grants/:user_id.
import { z } from 'zod';
import { eventSources } from './value-lists.ts';
import { isoDateTimeSchema, uuidSchema } from './common.ts';
import { mobileEventSchema } from './login.ts';
import { DEFAULT_DOORS_OPEN_MINUTES_BEFORE, MAX_DOORS_OPEN_MINUTES_BEFORE } from '../verdict.ts';

function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

export const timezoneSchema = z.string({ message: 'must be a string' }).refine(isIanaZone, 'must be an IANA time zone such as Europe/Amsterdam');

export const eventSourceSchema = z.enum(eventSources);

const eventFields = {
  name: z.string({ message: 'must be a string' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  location: z.string({ message: 'must be a string' }).trim().max(300, 'must be at most 300 characters'),
  timezone: timezoneSchema,
  starts_at: isoDateTimeSchema.nullable(),
  ends_at: isoDateTimeSchema.nullable(),
  reentry_allowed: z.boolean({ message: 'must be true or false' }),
  /** Match ticket codes exactly as stored (default false: "hlf-00013-1" finds "HLF-00013-1"). */
  ticket_code_exact_case: z.boolean({ message: 'must be true or false' }),
  source: eventSourceSchema,
  doors_open_minutes_before: z
    .number({ message: 'must be a whole number of minutes' })
    .int('must be a whole number of minutes')
    .min(0, 'must not be negative')
    .max(MAX_DOORS_OPEN_MINUTES_BEFORE, `must be at most ${MAX_DOORS_OPEN_MINUTES_BEFORE} minutes (a day)`),
  rehearsal: z.boolean({ message: 'must be true or false' }),
  /** The organiser confirms the end (one the server assumed, such as Tickera's start + 6 h). */
  end_confirmed: z.literal(true, { message: 'can only be set to true (change ends_at to change the end)' }),
  /** Admins only: who owns the event (defaults to the creator). */
  owner_id: uuidSchema.nullable(),
};

/** Refuses an end before the start, naming `ends_at`. */
const windowInOrder = (v: { starts_at?: string | null; ends_at?: string | null }) =>
  !v.starts_at || !v.ends_at || Date.parse(v.ends_at) >= Date.parse(v.starts_at);
const windowIssue = { message: 'must not be before starts_at', path: ['ends_at'] };

export const createEventRequestSchema = z
  .object({
    ...eventFields,
    location: eventFields.location.default(''),
    timezone: eventFields.timezone.default('UTC'),
    starts_at: eventFields.starts_at.default(null),
    ends_at: eventFields.ends_at.default(null),
    reentry_allowed: eventFields.reentry_allowed.default(false),
    ticket_code_exact_case: eventFields.ticket_code_exact_case.default(false),
    source: eventFields.source.default('manual'),
    doors_open_minutes_before: eventFields.doors_open_minutes_before.default(DEFAULT_DOORS_OPEN_MINUTES_BEFORE),
    rehearsal: eventFields.rehearsal.default(false),
    end_confirmed: eventFields.end_confirmed.optional(),
    owner_id: eventFields.owner_id.optional(),
  })
  .refine(windowInOrder, windowIssue);
export type CreateEventRequest = z.infer<typeof createEventRequestSchema>;

export const updateEventRequestSchema = z
  .object(eventFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' })
  .refine(windowInOrder, windowIssue);
export type UpdateEventRequest = z.infer<typeof updateEventRequestSchema>;

/** The console's event: what phones see of it, plus the set-up fields. */
export const eventSchema = mobileEventSchema.extend({
  source: eventSourceSchema,
  owner_id: uuidSchema.nullable(),
  archived_at: isoDateTimeSchema.nullable(),
  tickera_site_url: z.string().nullable(),
  /** True when a Tickera API key is stored; the key itself is never returned. */
  tickera_connected: z.boolean(),
  /** False while the end is one the server assumed (Tickera's start + 6 h) and the organiser has not confirmed. */
  end_confirmed: z.boolean(),
  last_synced_at: isoDateTimeSchema.nullable(),
  created_at: isoDateTimeSchema,
  updated_at: isoDateTimeSchema,
});
export type EventDto = z.infer<typeof eventSchema>;

export const listEventsQuerySchema = z.object({
  include_archived: z.enum(['true', 'false']).optional(),
});

/** GET /api/v1/events/:id/admin-audit: who changed what in this event's set-up. */
export const adminAuditEntrySchema = z.object({
  id: z.number().int(),
  at: isoDateTimeSchema,
  user_id: uuidSchema.nullable(),
  action: z.string(),
  target_type: z.string(),
  target_id: z.string().nullable(),
  details: z.unknown(),
});
export type AdminAuditEntry = z.infer<typeof adminAuditEntrySchema>;

export const adminAuditPageSchema = z.object({
  entries: z.array(adminAuditEntrySchema),
  /** Pass as `before` for the next (older) page. */
  next_cursor: z.string().nullable(),
});
export type AdminAuditPage = z.infer<typeof adminAuditPageSchema>;
