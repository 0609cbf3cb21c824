// GET /api/v1/mobile/attendees?since=CURSOR&limit=N: the phone's copy of the list.
// The first call (no cursor) returns everything; later calls only what changed.
import { z } from 'zod';
import { attendeeStatusSchema, isoDateTimeSchema, uuidSchema } from './common.ts';
import { mobileEntranceSchema, mobileEventSchema, mobileTicketTypeSchema } from './login.ts';

export const DEFAULT_DELTA_LIMIT = 5000;
export const MAX_DELTA_LIMIT = 10000;

export const attendeesDeltaQuerySchema = z.object({
  since: z
    .string()
    .regex(/^(0|\d+\.\d+)$/, 'must be a cursor returned by a previous call')
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_DELTA_LIMIT).default(DEFAULT_DELTA_LIMIT),
  /** The rules version the phone decides by; when the event's differs, the answer carries `rules`. */
  rules_version: z.coerce.number().int().nonnegative().optional(),
});
export type AttendeesDeltaQuery = z.infer<typeof attendeesDeltaQuerySchema>;

export const phoneAttendeeSchema = z.object({
  ticket_code: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  ticket_type_id: uuidSchema.nullable(),
  /** 0 = unlimited. */
  checkins_allowed: z.number().int().nonnegative(),
  checkins_used: z.number().int().nonnegative(),
  inside: z.boolean(),
  status: attendeeStatusSchema,
  change_seq: z.number().int(),
});
export type PhoneAttendee = z.infer<typeof phoneAttendeeSchema>;

/** What a phone decides by besides the attendees: the same shapes sign-in returns. */
export const phoneRulesSchema = z.object({
  event: mobileEventSchema,
  entrances: z.array(mobileEntranceSchema),
  ticket_types: z.array(mobileTicketTypeSchema),
});
export type PhoneRules = z.infer<typeof phoneRulesSchema>;

export const attendeesDeltaResponseSchema = z.object({
  attendees: z.array(phoneAttendeeSchema),
  next_cursor: z.string(),
  has_more: z.boolean(),
  server_time: isoDateTimeSchema,
  /** The event's rules version now (optional: older servers do not send it). */
  rules_version: z.number().int().optional(),
  /** The whole setup, only when the request's `rules_version` differs from the event's. */
  rules: phoneRulesSchema.optional(),
});
export type AttendeesDeltaResponse = z.infer<typeof attendeesDeltaResponseSchema>;
