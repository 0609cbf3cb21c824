// GET /api/v1/events/:id/stats and the SSE stream's `stats` events: the live numbers of
// one event, as a console dashboard shows them.
import { z } from 'zod';
import { auditRowSchema } from './audit.ts';
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
  /** People inside who came in here (their latest accepted scan, not voided, is an `in` here). */
  inside: z.number().int().nonnegative(),
});

export const minuteStatsSchema = z.object({
  minute: isoDateTimeSchema,
  scans: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
});

/** The whole event on one axis: scans per `bucket_minutes` from `from` to `to`. */
export const timelineSchema = z.object({
  from: isoDateTimeSchema,
  to: isoDateTimeSchema,
  /** Minutes per point (1 for a night; more for a multi-day event, to keep a few hundred points). */
  bucket_minutes: z.number().int().positive(),
  /** Points with scans only, oldest first; `at` is the bucket's start. */
  points: z.array(z.object({ at: isoDateTimeSchema, scans: z.number().int().nonnegative(), accepted: z.number().int().nonnegative() })),
});
export type Timeline = z.infer<typeof timelineSchema>;

/** One line of the recent attempts feed: the audit row's essentials. */
export const recentAttemptSchema = auditRowSchema.pick({
  scan_id: true,
  kind: true,
  verdict: true,
  ticket_code: true,
  attendee_name: true,
  direction: true,
  entrance: true,
  device: true,
  scanned_at: true,
  offline: true,
});
export type RecentAttempt = z.infer<typeof recentAttemptSchema>;
export const RECENT_ATTEMPTS = 20;

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
  /** The event's zone and window, for times on the venue's clock and the forecast. */
  timezone: z.string(),
  starts_at: isoDateTimeSchema.nullable(),
  ends_at: isoDateTimeSchema.nullable(),
  timeline: timelineSchema,
  /** The last RECENT_ATTEMPTS audit rows, newest first. */
  recent: z.array(recentAttemptSchema),
});
export type EventStats = z.infer<typeof eventStatsSchema>;
