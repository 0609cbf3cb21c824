// Attendee import (POST /api/v1/events/:id/attendees/import, CSV or JSON) and the
// console's attendee list (GET /api/v1/events/:id/attendees?q=&cursor=&limit=).
import { z } from 'zod';
import { attendeeStatusSchema, isoDateTimeSchema, MAX_TICKET_CODE_LENGTH, uuidSchema } from './common.ts';
import { importStatusHelp, importStatusOf } from './import-columns.ts';

export { importColumns } from './import-columns.ts';

export const MAX_IMPORT_ROWS = 100_000;
/** How many bad lines a refused import lists; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 100;

const text = (max: number) => z.string({ message: 'must be a string' }).trim().max(max, `must be at most ${max} characters`);

/**
 * One attendee row. Empty strings (as CSV gives them) mean "not given": no ticket type,
 * allowed check-ins from the ticket type (else 1), status valid.
 */
export const importRowSchema = z.object({
  ticket_code: text(MAX_TICKET_CODE_LENGTH)
    .min(1, 'must not be empty')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not contain control characters'),
  first_name: text(200).default(''),
  last_name: text(200).default(''),
  email: z
    .union([z.literal(''), z.email({ message: 'must be an email address' }).max(254, 'must be at most 254 characters')], {
      message: 'must be an email address',
    })
    .default(''),
  ticket_type: text(200).default(''),
  allowed_checkins: z
    .union([z.number(), z.string().trim()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return null;
      const n = typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : NaN;
      if (!Number.isInteger(n) || n < 0 || n > 1000) {
        ctx.addIssue({ code: 'custom', message: 'must be a whole number from 0 (unlimited) to 1000' });
        return z.NEVER;
      }
      return n;
    }),
  status: z
    .string({ message: `must be ${importStatusHelp}` })
    .default('')
    .transform((s, ctx) => {
      const status = importStatusOf(s);
      if (status) return status;
      ctx.addIssue({ code: 'custom', message: `"${s.trim().slice(0, 40)}" is not a status: use ${importStatusHelp}` });
      return z.NEVER;
    }),
});
export type ImportRowInput = z.input<typeof importRowSchema>;
export type ImportRow = z.infer<typeof importRowSchema>;

export const importJsonRequestSchema = z.object({
  attendees: z.array(z.unknown()).min(1, 'must hold at least one attendee').max(MAX_IMPORT_ROWS, `at most ${MAX_IMPORT_ROWS} rows`),
});

export const importResultSchema = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  ticket_types_created: z.number().int(),
  /** Columns of the file that were read past (Tickera's export columns a door does not need); absent when none. */
  ignored_columns: z.array(z.string()).optional(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** One bad line (or JSON row) of an import. */
export const importProblemSchema = z.object({
  /** CSV: the line in the file (header = line 1). JSON: the 1-based position in `attendees`. */
  line: z.number().int().optional(),
  row: z.number().int(),
  column: z.string(),
  reason: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

/**
 * `details` of a refused import: the first problem at the top level, and every bad line in
 * `problems` (up to MAX_LISTED_PROBLEMS, the first problem of each line), `more` counting the rest.
 */
export const importErrorDetailsSchema = importProblemSchema.extend({
  problems: z.array(importProblemSchema).optional(),
  more: z.number().int().optional(),
});
export type ImportErrorDetails = z.infer<typeof importErrorDetailsSchema>;

export const listAttendeesQuerySchema = z.object({
  q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  cursor: z.string().max(1000, 'is not a cursor from this API').optional(),
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(500, 'must be at most 500')
    .default(50),
});
export type ListAttendeesQuery = z.infer<typeof listAttendeesQuerySchema>;

export const consoleAttendeeSchema = z.object({
  id: z.number().int(),
  ticket_code: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  ticket_type_id: uuidSchema.nullable(),
  ticket_type: z.string().nullable(),
  checkins_allowed: z.number().int(),
  checkins_used: z.number().int(),
  inside: z.boolean(),
  status: attendeeStatusSchema,
  updated_at: isoDateTimeSchema,
});
export type ConsoleAttendee = z.infer<typeof consoleAttendeeSchema>;

export const attendeePageSchema = z.object({
  attendees: z.array(consoleAttendeeSchema),
  next_cursor: z.string().nullable(),
  /** How many attendees match (on the first page only, else null); at most `total_cap`. */
  total: z.number().int().nullable(),
  /** Set when more than `total` match: counting stopped there. */
  total_capped: z.boolean(),
});
export type AttendeePage = z.infer<typeof attendeePageSchema>;
