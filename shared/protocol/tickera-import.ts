// Console ↔ server shapes for importing a Tickera key's events: "discover" reads what a
// key covers (one event, or several for a multi-event or category key), "import" makes
// or attaches one FastCheck event per chosen Tickera event, each synced on its own.
import { z } from 'zod';
import { isoDateTimeSchema, uuidSchema } from './common.ts';
import { timezoneSchema } from './events.ts';
import { tickeraSiteUrlSchema } from './tickera.ts';

const apiKeySchema = z.string({ message: 'must be a string' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const discoverTickeraRequestSchema = z.object({ site_url: tickeraSiteUrlSchema, api_key: apiKeySchema }).strict();
export type DiscoverTickeraRequest = z.infer<typeof discoverTickeraRequestSchema>;

/** What FastCheck knows about the site's time zone (read from WordPress's /wp-json/). */
export const siteZoneInfoSchema = z.object({
  /** IANA zone from /wp-json/, or null (blocked, or a site set to a bare UTC offset). */
  timezone: z.string().nullable(),
  /** False when /wp-json/ did not say: the organiser must choose the zone. */
  timezone_known: z.boolean(),
  /** Why the zone is unknown, in words for the organiser. */
  timezone_note: z.string().nullable(),
});

export const discoveredEventSchema = z.object({
  /** The title as Tickera names the event on its tickets: what the import matches on. */
  title: z.string(),
  tickets: z.number().int(),
  /** Tickera's own start text (single-event keys only; a multi-event key never says). */
  site_start: z.string().nullable(),
  /** The start as wall-clock readings `YYYY-MM-DDTHH:mm` on the site's clock (two when ambiguous). */
  site_wall_times: z.array(z.string()),
  /** The start as an instant, when it reads unambiguously in a known zone. */
  starts_at: z.string().nullable(),
  /** A FastCheck event already importing this Tickera event from this site, if any. */
  imported_event_id: z.string().nullable(),
});
export type DiscoveredEvent = z.infer<typeof discoveredEventSchema>;

export const tickeraDiscoverySchema = siteZoneInfoSchema.extend({
  site_url: z.string(),
  multi_event: z.boolean(),
  sold_tickets: z.number().int(),
  events: z.array(discoveredEventSchema),
  /** Hand back to import so a multi-event key's tickets are not read twice (valid one hour). */
  discovery_token: z.string().nullable(),
});
export type TickeraDiscovery = z.infer<typeof tickeraDiscoverySchema>;

export const importedEventRequestSchema = z
  .object({
    title: z.string({ message: 'must be a string' }).trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
    /** Attach to this existing FastCheck event instead of creating one. */
    event_id: uuidSchema.optional(),
    /** Name of a new FastCheck event (default: the Tickera title). */
    name: z.string({ message: 'must be a string' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
    /** Needed for a multi-event key (Tickera does not say), else read from Tickera. */
    starts_at: isoDateTimeSchema.optional(),
    /** The end; when left out the server assumes start + 6 h and stores it as unconfirmed. */
    ends_at: isoDateTimeSchema.optional(),
    /** The organiser confirms the assumed end (start + 6 h) without giving one. */
    end_confirmed: z.boolean({ message: 'must be true or false' }).optional(),
  })
  .strict()
  .refine((v) => !v.starts_at || !v.ends_at || Date.parse(v.ends_at) >= Date.parse(v.starts_at), {
    path: ['ends_at'],
    message: 'must not be before starts_at',
  });

export const importTickeraRequestSchema = z
  .object({
    site_url: tickeraSiteUrlSchema,
    api_key: apiKeySchema,
    /** The organiser's choice when /wp-json/ cannot tell (or to override it). */
    timezone: timezoneSchema.optional(),
    writeback: z.boolean({ message: 'must be true or false' }).optional(),
    /** From discover; when missing, stale or for another key, the key is read again. */
    discovery_token: z.string({ message: 'must be a string' }).max(100_000, 'is too long').optional(),
    events: z.array(importedEventRequestSchema, { message: 'must be a list' }).min(1, 'choose at least one event').max(50, 'at most 50 events at once'),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.events.forEach((e, i) => {
      if (seen.has(e.title)) ctx.addIssue({ code: 'custom', path: ['events', i, 'title'], message: 'is chosen twice' });
      seen.add(e.title);
    });
  });
export type ImportTickeraRequest = z.infer<typeof importTickeraRequestSchema>;

export const importedEventSchema = z.object({
  title: z.string(),
  event_id: z.string(),
  name: z.string(),
  created: z.boolean(),
  starts_at: z.string().nullable(),
  ends_at: z.string().nullable(),
  /** False: no start yet, so the event is not on the sync schedule until one is set. */
  start_confirmed: z.boolean(),
  /** False while the end is the assumed start + 6 h and the organiser has not confirmed it. */
  end_confirmed: z.boolean(),
  sync_run_id: z.string().nullable(),
  sync_error: z.string().nullable(),
});
export type ImportedEvent = z.infer<typeof importedEventSchema>;

export const tickeraImportSchema = z.object({ site_url: z.string(), timezone: z.string(), events: z.array(importedEventSchema) });
export type TickeraImport = z.infer<typeof tickeraImportSchema>;
