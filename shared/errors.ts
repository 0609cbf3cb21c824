// The one error vocabulary of the API. Every failure answers
// {"error": {"code", "message", "details"}} with a code from this list.
import { z } from 'zod';

export const errorCodes = [
  'bad_request',
  'invalid_json',
  'validation_failed',
  'unsupported_media_type',
  'payload_too_large',
  'unauthorized',
  'forbidden',
  'csrf_rejected',
  'not_found',
  'conflict',
  'rate_limited',
  'unsupported_protocol',
  'upstream_error',
  'service_unavailable',
  'database_unavailable',
  'internal_error',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** One problem with one field: `path` is the dotted location ("scans.3.ticket_code"). */
export const fieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const errorBodySchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const errorEnvelopeSchema = z.object({ error: errorBodySchema });
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** Success envelope: `{"data": …}` around any payload schema. */
export const dataEnvelope = <T extends z.ZodType>(data: T) => z.object({ data });

/** Turns zod issues into the field list that `details` carries. */
export function fieldIssues(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}
