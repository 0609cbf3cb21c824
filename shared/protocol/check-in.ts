// POST /api/v1/check-in: one scan, decided online. Also the scan result every
// verdict path returns (online, offline on the phone, reconciled).
import { z } from 'zod';
import { clockOffsetSchema, directionSchema, isoDateTimeSchema, ticketCodeSchema, uuidSchema, verdictSchema } from './common.ts';

export const checkInRequestSchema = z.object({
  scan_id: uuidSchema,
  ticket_code: ticketCodeSchema,
  entrance_id: uuidSchema.optional(),
  direction: directionSchema.default('in'),
  /**
   * The scan time; on the server's clock when the phone sends `clock_offset_ms` (the phone's
   * clock plus that offset). An online scan is judged at the server's own time whatever it says.
   */
  scanned_at: isoDateTimeSchema.optional(),
  /** The offset the phone added to its clock (server minus phone, learned from the server time header). */
  clock_offset_ms: clockOffsetSchema.optional(),
});
export type CheckInRequest = z.input<typeof checkInRequestSchema>;
export type CheckInRequestParsed = z.output<typeof checkInRequestSchema>;

export const scanAttendeeSchema = z.object({
  name: z.string(),
  ticket_type: z.string().nullable(),
  checkins_used: z.number().int().nonnegative(),
  /** 0 = unlimited. */
  checkins_allowed: z.number().int().nonnegative(),
  inside: z.boolean(),
});
export type ScanAttendee = z.infer<typeof scanAttendeeSchema>;

export const firstScanSchema = z.object({
  at: isoDateTimeSchema,
  entrance: z.string().nullable(),
  device: z.string().nullable(),
});
export type FirstScan = z.infer<typeof firstScanSchema>;

export const scanResultSchema = z.object({
  scan_id: uuidSchema,
  verdict: verdictSchema,
  message: z.string(),
  attendee: scanAttendeeSchema.nullable(),
  first_scan: firstScanSchema.nullable(),
  /** True when the verdict was decided on the phone without the server. */
  offline: z.boolean().optional(),
  /** True for an `in` admitted again after an `out` (it uses no allowance). */
  reentry: z.boolean().optional(),
  /** For a `conflict`: the scan that had already used the allowance. */
  conflict_with_scan_id: uuidSchema.nullable().optional(),
  /**
   * For an upload decided at the door offline: what the server would have said, where it
   * differs from `verdict` (the door's verdict stands: a refusal stays a refusal).
   */
  server_verdict: verdictSchema.optional(),
  /** A rehearsal scan (before doors, rehearsal on): judged against the real list, recorded nowhere. */
  rehearsal: z.boolean().optional(),
});
export type ScanResult = z.infer<typeof scanResultSchema>;
