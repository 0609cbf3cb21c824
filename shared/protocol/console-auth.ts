// Console sign-in: POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me.
import { z } from 'zod';
import { isoDateTimeSchema, uuidSchema } from './common.ts';
import { userRoles } from './value-lists.ts';

export { userRoles };
export const userRoleSchema = z.enum(userRoles);
export type UserRole = z.infer<typeof userRoleSchema>;

export const loginRequestSchema = z.object({
  email: z.email({ message: 'must be an email address' }).max(254, 'must be at most 254 characters'),
  password: z.string({ message: 'must be a string' }).min(1, 'must not be empty').max(1024, 'must be at most 1024 characters'),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** A console user as the API shows it: never a password hash. */
export const consoleUserSchema = z.object({
  id: uuidSchema,
  email: z.string(),
  name: z.string(),
  role: userRoleSchema,
  disabled_at: isoDateTimeSchema.nullable(),
  created_at: isoDateTimeSchema,
});
export type ConsoleUser = z.infer<typeof consoleUserSchema>;

export const sessionResponseSchema = z.object({ user: consoleUserSchema });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/** The console session cookie; its value is a signed token naming a `sessions` row. */
export const SESSION_COOKIE = 'fc_session';
