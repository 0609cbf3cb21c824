// GET /api/v1/mobile/conflicts?since=CURSOR&limit=N: every door of an event learns about
// the conflicts reconciliation found, not only the door whose upload arrived second. A
// conflict comes again (voided: true) when a supervisor voids it.
import { z } from 'zod';
import { attendeesDeltaResponseSchema } from './attendees-delta.ts';
import { firstScanSchema } from './check-in.ts';
import { isoDateTimeSchema, uuidSchema } from './common.ts';

export const DEFAULT_CONFLICTS_LIMIT = 200;
export const MAX_CONFLICTS_LIMIT = 1000;

export const conflictsQuerySchema = z.object({
  /** "0" or the `next_cursor` of a previous answer ("writer transaction.row id"). */
  since: z
    .string()
    .regex(/^(0|\d{1,15}\.\d{1,15})$/, 'must be 0 or a cursor returned by a previous call')
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_CONFLICTS_LIMIT).default(DEFAULT_CONFLICTS_LIMIT),
});
export type ConflictsQuery = z.infer<typeof conflictsQuerySchema>;

/** A scan named in a conflict: the first-scan shape of a scan result, with its id. */
export const conflictScanRefSchema = firstScanSchema.extend({ scan_id: uuidSchema });
export type ConflictScanRef = z.infer<typeof conflictScanRefSchema>;

export const eventConflictSchema = z.object({
  scan_id: uuidSchema,
  ticket_code: z.string(),
  attendee_name: z.string().nullable(),
  scanned_at: isoDateTimeSchema,
  entrance: z.string().nullable(),
  device: z.string().nullable(),
  /** The scan that had already used the allowance. */
  conflict_with: conflictScanRefSchema.nullable(),
  message: z.string(),
  /** A supervisor voided it: nothing left to review. */
  voided: z.boolean(),
});
export type EventConflict = z.infer<typeof eventConflictSchema>;

/** The phone feeds' one page envelope (next_cursor, has_more, server_time), listing conflicts. */
export const conflictsResponseSchema = attendeesDeltaResponseSchema.omit({ attendees: true }).extend({
  conflicts: z.array(eventConflictSchema),
});
export type ConflictsResponse = z.infer<typeof conflictsResponseSchema>;
