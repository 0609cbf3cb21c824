// Building blocks of every phone ↔ server message.
import { z } from 'zod';
import { attendeeStatuses, directions } from './value-lists.ts';

export const verdicts = ['accepted', 'already_checked_in', 'unknown_ticket', 'wrong_entrance', 'not_open', 'cancelled', 'conflict'] as const;
export const verdictSchema = z.enum(verdicts);
export type Verdict = z.infer<typeof verdictSchema>;

export const directionSchema = z.enum(directions);
export type Direction = z.infer<typeof directionSchema>;

export const attendeeStatusSchema = z.enum(attendeeStatuses);
export type AttendeeStatus = z.infer<typeof attendeeStatusSchema>;

export const uuidSchema = z.uuid({ message: 'must be a UUID' });

/** ISO 8601 with an offset or Z; normalised to a Date by consumers. */
export const isoDateTimeSchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time such as 2026-07-10T18:00:00Z' });

/** A phone's clock offset in ms (server minus phone); within ±2e9 (about 23 days). */
export const clockOffsetSchema = z
  .number({ message: 'must be a number of milliseconds' })
  .int('must be a whole number of milliseconds')
  .min(-2e9, 'must be within 23 days')
  .max(2e9, 'must be within 23 days');

export const MAX_TICKET_CODE_LENGTH = 256;
/**
 * A scanned code as it arrives: any printable text up to 256 characters (the raw scan may
 * be a legacy pipe-separated payload; `normalizeTicketCode` reduces it). Control
 * characters and empty codes are refused.
 */
export const ticketCodeSchema = z
  .string({ message: 'must be a string' })
  .max(MAX_TICKET_CODE_LENGTH * 8, `must be at most ${MAX_TICKET_CODE_LENGTH * 8} characters`)
  .refine((s) => s.trim().length > 0, 'must not be empty')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters (other than tab and line breaks) is this pattern's job
  .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'must not contain control characters');
