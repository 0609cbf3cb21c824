// The console's conflicts inbox: GET /api/v1/events/:id/conflicts (open / resolved cases,
// newest first, keyset-paged) and POST /api/v1/events/:id/conflicts/:scan_id/reviews
// (annotate, resolve, reopen). Reviews are stored apart from the audit rows, which never change.
import { z } from 'zod';
import { directionSchema, isoDateTimeSchema, uuidSchema, verdictSchema } from './common.ts';
import { actorUserSchema, voidInfoSchema } from './audit.ts';
import { conflictCaseKinds, conflictReviewActions, conflictStates } from './value-lists.ts';

export const MAX_INBOX_LIMIT = 200;
export const MAX_REVIEW_NOTE = 2000;

export const inboxQuerySchema = z.object({
  state: z.enum([...conflictStates, 'all'], { message: 'must be open, resolved or all' }).default('open'),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'must be a cursor returned by a previous call')
    .optional(),
  limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_INBOX_LIMIT, `must be at most ${MAX_INBOX_LIMIT}`).default(50),
});
export type InboxQuery = z.output<typeof inboxQuerySchema>;

/** One scan of a case, as the inbox shows it beside the other. */
export const inboxScanSchema = z.object({
  scan_id: uuidSchema,
  verdict: verdictSchema.nullable(),
  /** What the door decided offline (null online). */
  local_verdict: verdictSchema.nullable(),
  server_verdict: verdictSchema.nullable(),
  direction: directionSchema,
  offline: z.boolean(),
  /** On the server's clock (the phone's time corrected by its skew). */
  scanned_at: isoDateTimeSchema,
  received_at: isoDateTimeSchema,
  entrance: z.string().nullable(),
  device: z.string().nullable(),
  message: z.string(),
  voided: voidInfoSchema.nullable(),
});
export type InboxScan = z.infer<typeof inboxScanSchema>;

export const reviewSchema = z.object({
  action: z.enum(conflictReviewActions),
  note: z.string().nullable(),
  user: actorUserSchema.nullable(),
  at: isoDateTimeSchema,
});
export type Review = z.infer<typeof reviewSchema>;

export const inboxCaseSchema = z.object({
  /** The scan that made the case (the conflict, or the refused scan): the case's key. */
  scan_id: uuidSchema,
  kind: z.enum(conflictCaseKinds),
  state: z.enum(conflictStates),
  ticket_code: z.string(),
  attendee_name: z.string().nullable(),
  /**
   * The scans of the case in scan-time order: who entered first is the first. A double
   * admission has both; a Tickera double admission the door's admission (Tickera's own is in
   * `message`); a refused-offline case the refusal and, if any, the holder's later admission.
   */
  scans: z.array(inboxScanSchema),
  message: z.string(),
  /** Notes and state changes, oldest first. */
  reviews: z.array(reviewSchema),
});
export type InboxCase = z.infer<typeof inboxCaseSchema>;

export const inboxPageSchema = z.object({
  cases: z.array(inboxCaseSchema),
  next_cursor: z.string().nullable(),
});
export type InboxPage = z.infer<typeof inboxPageSchema>;

const note = z.string({ message: 'must be a string' }).trim().max(MAX_REVIEW_NOTE, `must be at most ${MAX_REVIEW_NOTE} characters`);

/** Annotate needs a note; resolve and reopen may carry one. */
export const reviewRequestSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('annotate'), note: note.min(1, 'must not be empty') }),
    z.object({ action: z.literal('resolve'), note: note.optional() }),
    z.object({ action: z.literal('reopen'), note: note.optional() }),
  ],
  { message: 'must be annotate, resolve or reopen' },
);
export type ReviewRequest = z.infer<typeof reviewRequestSchema>;
