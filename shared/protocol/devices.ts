// The devices board: GET /api/v1/events/:id/devices (every phone signed in to the event,
// with what it last reported) and POST …/devices/:did/revoke (ends that phone's sign-in now).
import { z } from 'zod';
import { isoDateTimeSchema, uuidSchema } from './common.ts';
import { credentialRoles, deviceStatuses, storageStates } from './value-lists.ts';

export const deviceBoardRowSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  credential_id: uuidSchema,
  credential_label: z.string(),
  role: z.enum(credentialRoles),
  entrance_id: uuidSchema.nullable(),
  entrance_name: z.string().nullable(),
  signed_in_at: isoDateTimeSchema,
  last_seen_at: isoDateTimeSchema.nullable(),
  /** The last attendee delta sync. */
  last_sync_at: isoDateTimeSchema.nullable(),
  /** The last outbox upload. */
  last_upload_at: isoDateTimeSchema.nullable(),
  app_version: z.string().nullable(),
  /** Scans waiting on the phone at its last report (null: it never said). */
  outbox: z.number().int().nonnegative().nullable(),
  /** Server minus phone clock, in milliseconds. */
  clock_skew_ms: z.number().int().nullable(),
  storage: z.enum(storageStates).nullable(),
  revoked_at: isoDateTimeSchema.nullable(),
  status: z.enum(deviceStatuses),
  /** Offline for long with scans waiting (shared/device-status.ts). */
  stale: z.boolean(),
});
export type DeviceBoardRow = z.infer<typeof deviceBoardRowSchema>;

export const deviceBoardSchema = z.object({
  devices: z.array(deviceBoardRowSchema),
  /** The server's clock when the board was read: "seen 40 s ago" is measured against it. */
  server_time: isoDateTimeSchema,
});
export type DeviceBoard = z.infer<typeof deviceBoardSchema>;
