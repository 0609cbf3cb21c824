// Entrances per event: GET/POST /api/v1/events/:id/entrances, PATCH …/:eid.
import { z } from 'zod';
import { isoDateTimeSchema, uuidSchema } from './common.ts';

const fields = {
  name: z.string({ message: 'must be a string' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  /** Ticket types admitted here; empty = all. */
  allowed_ticket_type_ids: z.array(uuidSchema).max(500, 'at most 500 ticket types'),
  opens_at: isoDateTimeSchema.nullable(),
  closes_at: isoDateTimeSchema.nullable(),
};

const windowInOrder = (v: { opens_at?: string | null; closes_at?: string | null }) =>
  !v.opens_at || !v.closes_at || Date.parse(v.closes_at) >= Date.parse(v.opens_at);
const windowIssue = { message: 'must not be before opens_at', path: ['closes_at'] };

export const createEntranceRequestSchema = z
  .object({
    ...fields,
    allowed_ticket_type_ids: fields.allowed_ticket_type_ids.default([]),
    opens_at: fields.opens_at.default(null),
    closes_at: fields.closes_at.default(null),
  })
  .refine(windowInOrder, windowIssue);
export type CreateEntranceRequest = z.infer<typeof createEntranceRequestSchema>;

export const updateEntranceRequestSchema = z
  .object(fields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' })
  .refine(windowInOrder, windowIssue);
export type UpdateEntranceRequest = z.infer<typeof updateEntranceRequestSchema>;

export const entranceSchema = z.object({
  id: uuidSchema,
  event_id: uuidSchema,
  name: z.string(),
  allowed_ticket_type_ids: z.array(uuidSchema),
  opens_at: isoDateTimeSchema.nullable(),
  closes_at: isoDateTimeSchema.nullable(),
  created_at: isoDateTimeSchema,
  updated_at: isoDateTimeSchema,
});
export type EntranceDto = z.infer<typeof entranceSchema>;
