// Scanner credentials: POST/GET /api/v1/events/:id/credentials, DELETE …/:cid (revoke).
import { z } from 'zod';
import { isoDateTimeSchema, uuidSchema } from './common.ts';
import { provisioningPayloadSchema } from './login.ts';
import { credentialRoles } from './value-lists.ts';

export const credentialRoleSchema = z.enum(credentialRoles);

export const createCredentialRequestSchema = z.object({
  label: z.string({ message: 'must be a string' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  entrance_id: uuidSchema.nullable().default(null),
  role: credentialRoleSchema.default('door'),
  expires_at: isoDateTimeSchema.nullable().default(null),
});
export type CreateCredentialRequest = z.infer<typeof createCredentialRequestSchema>;

/** A credential as listed: never the code. */
export const credentialSchema = z.object({
  id: uuidSchema,
  event_id: uuidSchema,
  label: z.string(),
  role: credentialRoleSchema,
  entrance_id: uuidSchema.nullable(),
  last_used_at: isoDateTimeSchema.nullable(),
  expires_at: isoDateTimeSchema.nullable(),
  revoked_at: isoDateTimeSchema.nullable(),
  created_at: isoDateTimeSchema,
});
export type CredentialDto = z.infer<typeof credentialSchema>;

/** The creation answer: the only time the code is ever shown. */
export const createdCredentialSchema = credentialSchema.extend({
  credential: z.string(),
  provisioning: provisioningPayloadSchema,
});
export type CreatedCredential = z.infer<typeof createdCredentialSchema>;
