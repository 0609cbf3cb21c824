// POST /api/v1/mobile/credential-check: a signed-in door asks whether a code typed on it is a
// scanner credential of the event (a supervisor confirming sign-out or kiosk mode), and with
// which role. Unlike the sign-in it makes no device row and no token.
import type { z } from 'zod';
import { mobileLoginRequestSchema, mobileLoginResponseSchema } from './login.ts';

export const credentialCheckRequestSchema = mobileLoginRequestSchema.pick({ event_id: true, credential: true });
export type CredentialCheckRequest = z.infer<typeof credentialCheckRequestSchema>;

export const credentialCheckResponseSchema = mobileLoginResponseSchema.pick({ role: true, entrance_id: true });
export type CredentialCheckResponse = z.infer<typeof credentialCheckResponseSchema>;
