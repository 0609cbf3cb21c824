// Console ↔ server shapes for the Tickera bridge: connecting an event to a Tickera site,
// sync runs and their progress, and the write-back outbox status.
import { z } from 'zod';
import { syncRunStatuses } from './value-lists.ts';
import { isoDateTimeSchema } from './common.ts';
import { timezoneSchema } from './events.ts';

/** Tickera gives no end: until the organiser gives or confirms one, the end is assumed this long after the start. */
export const ASSUMED_EVENT_LENGTH_MS = 6 * 3_600_000;

/** A site URL as an organiser pastes it; the protocol is required (a common login failure otherwise). */
export const tickeraSiteUrlSchema = z
  .string({ message: 'must be a string' })
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .pipe(z.url({ protocol: /^https?$/, message: 'must be a URL starting with https:// or http://' }));

export const connectTickeraRequestSchema = z
  .object({
    site_url: tickeraSiteUrlSchema,
    /** Required on first connection; may be left out to keep the stored key for the same site. */
    api_key: z.string({ message: 'must be a string' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
    /** The organiser's confirmation of the start when Tickera's date cannot be read unambiguously. */
    starts_at: isoDateTimeSchema.optional(),
    /** The end; when left out the server assumes start + 6 h and stores it as unconfirmed. */
    ends_at: isoDateTimeSchema.optional(),
    /** The organiser confirms the assumed end (start + 6 h) without giving one. */
    end_confirmed: z.boolean({ message: 'must be true or false' }).optional(),
    writeback: z.boolean({ message: 'must be true or false' }).optional(),
    /** The site's zone as the organiser knows it, when /wp-json/ cannot tell (or to override it). */
    timezone: timezoneSchema.optional(),
  })
  .strict()
  .refine((v) => !v.starts_at || !v.ends_at || Date.parse(v.ends_at) >= Date.parse(v.starts_at), {
    path: ['ends_at'],
    message: 'must not be before starts_at',
  });
export type ConnectTickeraRequest = z.infer<typeof connectTickeraRequestSchema>;

export const tickeraConnectionSchema = z.object({
  event_id: z.uuid(),
  site_url: z.string(),
  tickera_event_name: z.string(),
  sold_tickets: z.number().int(),
  starts_at: z.string().nullable(),
  ends_at: z.string().nullable(),
  timezone: z.string(),
  /** False while the start still needs the organiser's confirmation. */
  start_confirmed: z.boolean(),
  /** False while the end is the assumed start + 6 h and the organiser has not confirmed it. */
  end_confirmed: z.boolean(),
  /** Why the start needs confirming, and what it could be. */
  start_note: z.string().nullable(),
  start_candidates: z.array(z.string()),
  writeback: z.boolean(),
  /** False when /wp-json/ did not give the site's zone and the organiser has not chosen one. */
  timezone_known: z.boolean(),
  timezone_note: z.string().nullable(),
  /** Tickera's own words for the start, on the site's clock, and its wall-clock readings (`YYYY-MM-DDTHH:mm`). */
  site_start: z.string(),
  site_wall_times: z.array(z.string()),
});
export type TickeraConnection = z.infer<typeof tickeraConnectionSchema>;

/** POST /api/v1/events/:id/sync?confirm_revocations=true: the organiser confirms mass revocations. */
export const startSyncQuerySchema = z.object({
  confirm_revocations: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
});
export type StartSyncQuery = z.infer<typeof startSyncQuerySchema>;

export const syncRunStatusSchema = z.enum(syncRunStatuses);

export const syncRunSchema = z.object({
  id: z.uuid(),
  event_id: z.uuid(),
  status: syncRunStatusSchema,
  trigger: z.string(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  pages: z.number().int(),
  records: z.number().int(),
  total: z.number().int().nullable(),
  percent: z.number().min(0).max(100),
  inserted: z.number().int(),
  updated: z.number().int(),
  revoked: z.number().int(),
  tickera_ms: z.number().int().nullable(),
  own_ms: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type SyncRun = z.infer<typeof syncRunSchema>;

export const writebackStatusSchema = z.object({
  enabled: z.boolean(),
  pending: z.number().int(),
  uncertain: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  recent_failures: z.array(z.object({ ticket_code: z.string(), scanned_at: z.string(), error: z.string().nullable() })),
});
export type WritebackStatus = z.infer<typeof writebackStatusSchema>;

/** GET /api/v1/events/:id/tickera: the connection, the last run and the write-back queue. */
export const tickeraStatusSchema = z.object({
  connected: z.boolean(),
  site_url: z.string().nullable(),
  /** The one Tickera event taken from a multi-event key; null: every ticket of the key. */
  tickera_event_title: z.string().nullable(),
  start_confirmed: z.boolean(),
  starts_at: z.string().nullable(),
  ends_at: z.string().nullable(),
  end_confirmed: z.boolean(),
  last_synced_at: z.string().nullable(),
  last_run: syncRunSchema.nullable(),
  writeback: writebackStatusSchema,
});
export type TickeraStatus = z.infer<typeof tickeraStatusSchema>;
