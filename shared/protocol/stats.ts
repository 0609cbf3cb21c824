// GET /api/v1/events/:id/stats and the SSE stream's `stats` events: the live numbers of
// one event, as a console dashboard shows them.
import { z } from 'zod';
import { isoDateTimeSchema, uuidSchema } from './common.ts';

export const ticketTypeStatsSchema = z.object({
  ticket_type_id: uuidSchema.nullable(),
  name: z.string().nullable(),
  /** Valid tickets of this type with at least one admission. */
  admitted: z.number().int().nonnegative(),
  /** Valid tickets of this type. */
  total: z.number().int().nonnegative(),
});

export const entranceStatsSchema = z.object({
  entrance_id: uuidSchema.nullable(),
  name: z.string().nullable(),
  /** Accepted `in` scans here that use an allowance, minus voids. */
  admitted: z.number().int().nonnegative(),
  /** Every scan attempt here. */
  scans: z.number().int().nonnegative(),
});

export const minuteStatsSchema = z.object({
  minute: isoDateTimeSchema,
  scans: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
});

export const eventStatsSchema = z.object({
  event_id: uuidSchema,
  generated_at: isoDateTimeSchema,
  /** Valid tickets. */
  total: z.number().int().nonnegative(),
  /** Valid tickets admitted at least once. */
  admitted: z.number().int().nonnegative(),
  inside: z.number().int().nonnegative(),
  /** Conflicts from offline doors not voided yet: for review. */
  conflicts: z.number().int().nonnegative(),
  by_ticket_type: z.array(ticketTypeStatsSchema),
  by_entrance: z.array(entranceStatsSchema),
  /** The last hour, oldest first, minutes without scans left out. */
  scans_per_minute: z.array(minuteStatsSchema),
});
export type EventStats = z.infer<typeof eventStatsSchema>;
