// POST /api/v1/mobile/scans and /api/v1/check-in/batch: the outbox upload. Items are
// validated one by one so a bad item gets its own error and the rest still count.
import { z } from 'zod';
import { clockOffsetSchema, directionSchema, isoDateTimeSchema, ticketCodeSchema, uuidSchema, verdictSchema } from './common.ts';
import { scanResultSchema } from './check-in.ts';

export const MAX_BATCH_SCANS = 500;

export const batchScanSchema = z.object({
  scan_id: uuidSchema,
  ticket_code: ticketCodeSchema,
  /** On the server's clock as far as the phone knows it (its clock plus `clock_offset_ms`). */
  scanned_at: isoDateTimeSchema,
  /** The offset the phone added to its clock for `scanned_at` (server minus phone). */
  clock_offset_ms: clockOffsetSchema.optional(),
  entrance_id: uuidSchema.optional(),
  direction: directionSchema.default('in'),
  local_verdict: verdictSchema.optional(),
  offline: z.boolean().default(false),
});
export type BatchScan = z.input<typeof batchScanSchema>;
export type BatchScanParsed = z.output<typeof batchScanSchema>;

/** The envelope is checked strictly; each item loosely (then one by one with batchScanSchema). */
export const scansBatchRequestSchema = z.object({
  scans: z.array(z.unknown()).min(1, 'must hold at least one scan').max(MAX_BATCH_SCANS, `must hold at most ${MAX_BATCH_SCANS} scans`),
  /** The phone's corrected clock as it sends: the server corrects every scan by what is still off. */
  sent_at: isoDateTimeSchema,
});
export type ScansBatchRequest = { scans: BatchScan[]; sent_at: string };

export const batchItemErrorSchema = z.object({
  scan_id: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type BatchItemError = z.infer<typeof batchItemErrorSchema>;

export const batchItemResultSchema = z.union([scanResultSchema, batchItemErrorSchema]);
export type BatchItemResult = z.infer<typeof batchItemResultSchema>;

export const scansBatchResponseSchema = z.object({
  results: z.array(batchItemResultSchema),
  server_time: isoDateTimeSchema,
});
export type ScansBatchResponse = z.infer<typeof scansBatchResponseSchema>;

export const isBatchItemError = (r: BatchItemResult): r is BatchItemError => 'error' in r;
