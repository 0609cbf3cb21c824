// GET /api/v1/mobile/events-stream: one Server-Sent Events stream per door (Bearer token, read
// with fetch streaming since EventSource cannot send the header). It carries nudges, never
// data: on `conflicts` the phone pulls GET /api/v1/mobile/conflicts at once. Comment lines
// keep it open; the server ends it after STREAM_MAX_MS so the credential is checked again.
import { z } from 'zod';

export const PHONE_EVENTS_PATH = '/api/v1/mobile/events-stream';
export const PHONE_EVENTS = ['ready', 'conflicts'] as const;
export type PhoneEventName = (typeof PHONE_EVENTS)[number];

export const phoneEventDataSchema = z.object({ server_time: z.string() });
export type PhoneEventData = z.infer<typeof phoneEventDataSchema>;
