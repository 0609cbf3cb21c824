// The console's attendee desk: one attendee's scan history
// (GET /api/v1/events/:id/attendees/:attendee_id/history), a check-in by hand at a chosen
// entrance (POST …/check-in) and its undo, a void with a reason (POST …/check-ins/:scan_id/undo).
import { z } from 'zod';
import { auditRowSchema } from './audit.ts';
import { directionSchema, uuidSchema } from './common.ts';
import { consoleAttendeeSchema } from './attendees-import.ts';

/** Where an attempt came from: a phone at a door, a console user by hand, or Tickera. */
export const attemptSources = ['phone', 'console', 'tickera'] as const;
export type AttemptSource = (typeof attemptSources)[number];

export const historyRowSchema = auditRowSchema.extend({
  source: z.enum(attemptSources),
  /** The console user who recorded it (a check-in by hand, a void), by name or email. */
  user: z.string().nullable(),
});
export type HistoryRow = z.infer<typeof historyRowSchema>;

/** The most attempts a history lists (newest first). */
export const MAX_HISTORY_ROWS = 200;

export const attendeeHistorySchema = z.object({
  attendee: consoleAttendeeSchema,
  /** Every attempt for this ticket and every void of one, newest first by scan time. */
  check_ins: z.array(historyRowSchema),
  /** The event's time zone: times are shown in it. */
  timezone: z.string(),
});
export type AttendeeHistory = z.infer<typeof attendeeHistorySchema>;

export const manualCheckInRequestSchema = z.object({
  entrance_id: uuidSchema,
  direction: directionSchema.default('in'),
});
export type ManualCheckInRequest = z.infer<typeof manualCheckInRequestSchema>;

/** Path parameters of the desk routes: the event, the attendee (its id in the list), a scan. */
export const attendeeParamSchema = z.object({
  id: z.string(),
  attendee_id: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(Number.MAX_SAFE_INTEGER),
});
export const attendeeScanParamSchema = attendeeParamSchema.extend({ scan_id: uuidSchema });
