// Ticket types per event: GET/POST /api/v1/events/:id/ticket-types, PATCH …/:tid.
import { z } from 'zod';
import { isoDateTimeSchema, uuidSchema } from './common.ts';

const fields = {
  name: z.string({ message: 'must be a string' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  external_id: z.string({ message: 'must be a string' }).trim().max(200, 'must be at most 200 characters').nullable(),
  /** Check-ins allowed per ticket; 0 = unlimited. */
  checkins_allowed: z
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (unlimited) or more')
    .max(1000, 'must be at most 1000'),
};

export const createTicketTypeRequestSchema = z.object({
  ...fields,
  external_id: fields.external_id.default(null),
  checkins_allowed: fields.checkins_allowed.default(1),
});
export type CreateTicketTypeRequest = z.infer<typeof createTicketTypeRequestSchema>;

export const updateTicketTypeRequestSchema = z
  .object(fields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' });
export type UpdateTicketTypeRequest = z.infer<typeof updateTicketTypeRequestSchema>;

export const ticketTypeSchema = z.object({
  id: uuidSchema,
  event_id: uuidSchema,
  name: z.string(),
  external_id: z.string().nullable(),
  checkins_allowed: z.number().int().nonnegative(),
  created_at: isoDateTimeSchema,
  updated_at: isoDateTimeSchema,
});
export type TicketTypeDto = z.infer<typeof ticketTypeSchema>;
