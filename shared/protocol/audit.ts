// The audit log of scan attempts: GET /api/v1/events/:id/check-ins (and .csv) with
// filters and a keyset cursor, and POST /api/v1/check-ins/:scan_id/void.
import { z } from 'zod';
import { checkInKinds, scanTimeFlags } from './value-lists.ts';
import { directionSchema, isoDateTimeSchema, uuidSchema, verdictSchema } from './common.ts';

export const MAX_AUDIT_LIMIT = 500;

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const auditQuerySchema = z.object({
  verdict: verdictSchema.optional(),
  entrance_id: uuidSchema.optional(),
  device_id: uuidSchema.optional(),
  offline: flag.optional(),
  conflicts_only: flag.optional(),
  /** Scans decided at the door offline where the server would have said this instead ("accepted": refused offline, valid on the server). */
  server_verdict: verdictSchema.optional(),
  /** Only scans decided at the door offline where the server would have said otherwise (conflicts and such refusals). */
  disputed_only: flag.optional(),
  since: isoDateTimeSchema.optional(),
  until: isoDateTimeSchema.optional(),
  /** Ticket code prefix or attendee name. */
  q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  cursor: z.string().regex(/^\d+$/, 'must be a cursor returned by a previous call').optional(),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_LIMIT).default(100),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

/** A console user as the audit names them. */
export const actorUserSchema = z.object({ id: uuidSchema, email: z.string(), name: z.string() });
export type ActorUser = z.infer<typeof actorUserSchema>;

/** Who voided a scan and why: a console user, or a supervisor phone. */
export const voidInfoSchema = z.object({
  scan_id: uuidSchema,
  at: isoDateTimeSchema,
  reason: z.string().nullable(),
  user: actorUserSchema.nullable(),
  device: z.string().nullable(),
});
export type VoidInfo = z.infer<typeof voidInfoSchema>;

export const auditRowSchema = z.object({
  scan_id: uuidSchema,
  kind: z.enum(checkInKinds),
  verdict: verdictSchema.nullable(),
  message: z.string(),
  ticket_code: z.string(),
  attendee_name: z.string().nullable(),
  direction: directionSchema,
  entrance_id: uuidSchema.nullable(),
  entrance: z.string().nullable(),
  device_id: uuidSchema.nullable(),
  device: z.string().nullable(),
  user_id: uuidSchema.nullable(),
  /** The console user who made the row (a void from the console): id, email and name. */
  user: actorUserSchema.nullable(),
  scanned_at: isoDateTimeSchema,
  received_at: isoDateTimeSchema,
  offline: z.boolean(),
  local_verdict: verdictSchema.nullable(),
  /**
   * For a scan decided at the door offline: what the server would have said, where it differs
   * from `verdict` (a conflict, or a refusal that stands although the server would have admitted).
   */
  server_verdict: verdictSchema.nullable(),
  /** Server time minus the phone's clock at the scan (what was added to the phone's time). */
  clock_skew_ms: z.number().int().nullable(),
  /** The phone's own clock at the scan, uncorrected (`scanned_at` is on the server's clock). */
  phone_scanned_at: isoDateTimeSchema.nullable(),
  /**
   * Set when the phone's time could not be believed even corrected (`future`: more than 10 min
   * ahead of the server, `past`: more than 30 days old): `scanned_at` is then the receive time.
   */
  time_flag: z.enum(scanTimeFlags).nullable(),
  conflict_with_scan_id: uuidSchema.nullable(),
  voids_scan_id: uuidSchema.nullable(),
  /** Set on a scan that a later void row cancelled. */
  voided_by_scan_id: uuidSchema.nullable(),
  /** On a voided scan: who voided it (console user or supervisor phone), when and why. */
  voided_by: voidInfoSchema.nullable(),
  reason: z.string().nullable(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

export const auditListResponseSchema = z.object({
  check_ins: z.array(auditRowSchema),
  next_cursor: z.string().nullable(),
});
export type AuditListResponse = z.infer<typeof auditListResponseSchema>;

export const voidRequestSchema = z.object({
  reason: z.string({ message: 'must be a string' }).trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
});
export type VoidRequest = z.infer<typeof voidRequestSchema>;
