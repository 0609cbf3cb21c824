// POST /api/v1/mobile/login: a phone trades a scanner credential for a token.
import { z } from 'zod';
import { uuidSchema, isoDateTimeSchema } from './common.ts';
import { credentialRoles } from './value-lists.ts';
import { DEFAULT_DOORS_OPEN_MINUTES_BEFORE, MAX_DOORS_OPEN_MINUTES_BEFORE } from '../verdict.ts';

export const mobileLoginRequestSchema = z.object({
  event_id: uuidSchema,
  credential: z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
  device_name: z.string().trim().max(100, 'must be at most 100 characters').optional(),
  /**
   * This phone installation's own id (phone/installation.ts), made once and kept across sign-outs:
   * signing in again reuses its device row. Without it (older phones) every sign-in is a new row.
   */
  installation_id: uuidSchema.optional(),
});
export type MobileLoginRequest = z.infer<typeof mobileLoginRequestSchema>;

export const mobileEventSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  location: z.string(),
  timezone: z.string(),
  starts_at: isoDateTimeSchema.nullable(),
  ends_at: isoDateTimeSchema.nullable(),
  reentry_allowed: z.boolean(),
  /** Match ticket codes exactly as stored; false (the default): ASCII case is ignored (shared/ticket-code.ts). */
  ticket_code_exact_case: z.boolean().default(false),
  /** Doors open this many minutes before the start, unless an entrance sets its own opening (older servers: 120). */
  doors_open_minutes_before: z.number().int().min(0).max(MAX_DOORS_OPEN_MINUTES_BEFORE).default(DEFAULT_DOORS_OPEN_MINUTES_BEFORE),
  /** The organiser switched rehearsal on: until doors open, scans are judged and recorded nowhere (shared/rehearsal.ts). */
  rehearsal: z.boolean().default(false),
});
export type MobileEvent = z.infer<typeof mobileEventSchema>;

export const mobileEntranceSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  /** Empty = every ticket type. */
  allowed_ticket_type_ids: z.array(uuidSchema),
  opens_at: isoDateTimeSchema.nullable(),
  closes_at: isoDateTimeSchema.nullable(),
});
export type MobileEntrance = z.infer<typeof mobileEntranceSchema>;

export const mobileTicketTypeSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  /** 0 = unlimited. */
  checkins_allowed: z.number().int().nonnegative(),
});
export type MobileTicketType = z.infer<typeof mobileTicketTypeSchema>;

export const mobileLoginResponseSchema = z.object({
  token: z.string(),
  expires_at: isoDateTimeSchema,
  device_id: uuidSchema,
  role: z.enum(credentialRoles),
  /** Set when the credential is bound to one entrance. */
  entrance_id: uuidSchema.nullable(),
  event: mobileEventSchema,
  entrances: z.array(mobileEntranceSchema),
  ticket_types: z.array(mobileTicketTypeSchema),
  /** The version of the rules above; the phone sends it with each delta sync (optional: older servers). */
  rules_version: z.number().int().optional(),
});
export type MobileLoginResponse = z.infer<typeof mobileLoginResponseSchema>;

/** The organiser's provisioning QR payload. */
export const provisioningPayloadSchema = z.object({
  server: z.url(),
  event_id: uuidSchema,
  credential: z.string().min(1),
});
export type ProvisioningPayload = z.infer<typeof provisioningPayloadSchema>;

/** The claims of a phone's token (HS256, MOBILE_JWT_SECRET). The event comes only from here. */
export const deviceTokenClaimsSchema = z.object({
  /** Device id. */
  sub: uuidSchema,
  evt: uuidSchema,
  cid: uuidSchema,
  ent: uuidSchema.nullable(),
  role: z.enum(credentialRoles),
  /**
   * The device row's sign-in generation when the token was made: a later sign-in of the same
   * installation moves the row on, so this token is refused (absent in older tokens: 0).
   */
  gen: z.number().int().nonnegative().default(0),
  exp: z.number().int(),
});
export type DeviceTokenClaims = z.infer<typeof deviceTokenClaimsSchema>;
