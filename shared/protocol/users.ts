// Admin user management: GET/POST /api/v1/users, PATCH /api/v1/users/:id.
import { z } from 'zod';
import { userRoleSchema } from './console-auth.ts';

const nameSchema = z.string({ message: 'must be a string' }).trim().max(200, 'must be at most 200 characters');
const passwordSchema = z.string({ message: 'must be a string' }).min(10, 'must be at least 10 characters').max(1024, 'must be at most 1024 characters');
const emailSchema = z.email({ message: 'must be an email address' }).max(254, 'must be at most 254 characters');

export const createUserRequestSchema = z.object({
  email: emailSchema,
  name: nameSchema.default(''),
  password: passwordSchema,
  role: userRoleSchema,
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

/** Any subset; `password` resets it, `disabled: true` disables (and signs the user out everywhere). */
export const updateUserRequestSchema = z
  .object({
    email: emailSchema,
    name: nameSchema,
    password: passwordSchema,
    role: userRoleSchema,
    disabled: z.boolean({ message: 'must be true or false' }),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;
