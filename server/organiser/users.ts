// Admin user management. Disabling a user or resetting their password signs them out
// everywhere (their sessions are revoked in the same transaction). An admin cannot
// disable or demote themselves, so the console can never lose its last way in by accident.
import type { CreateUserRequest, UpdateUserRequest } from '../../shared/protocol/users.ts';
import { hashPassword } from '../auth/password.ts';
import type { Database } from '../db/client.ts';
import { appendAudit } from '../db/repos/admin-audit.ts';
import { revokeUserSessions } from '../db/repos/sessions.ts';
import { getUser, insertUser, updateUser, type NewUser, type UserRow } from '../db/repos/users.ts';
import { AppError, notFound } from '../http/app-error.ts';
import { isUniqueViolation, taken } from './errors.ts';

const emailTaken = () => taken('email', 'A user with this email already exists');

export async function createUser(database: Database, actorId: string, input: CreateUserRequest): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password);
  return database.db.transaction(async (tx) => {
    const user = await insertUser(tx, { email: input.email.trim(), name: input.name, role: input.role, passwordHash });
    if (!user) throw emailTaken();
    await appendAudit(tx, {
      userId: actorId,
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      details: { email: user.email, role: user.role },
    });
    return user;
  });
}

export async function changeUser(database: Database, actorId: string, userId: string, input: UpdateUserRequest, now: Date): Promise<UserRow> {
  if (userId === actorId && (input.disabled === true || (input.role && input.role !== 'admin'))) {
    throw new AppError('conflict', 409, 'You cannot disable or demote your own account', {
      issues: [{ path: input.disabled ? 'disabled' : 'role', message: 'not for your own account' }],
    });
  }
  const patch: Partial<NewUser> = {};
  if (input.email !== undefined) patch.email = input.email.trim();
  if (input.name !== undefined) patch.name = input.name;
  if (input.role !== undefined) patch.role = input.role;
  if (input.disabled !== undefined) patch.disabledAt = input.disabled ? now : null;
  if (input.password !== undefined) patch.passwordHash = await hashPassword(input.password);

  try {
    return await database.db.transaction(async (tx) => {
      const before = await getUser(tx, userId);
      if (!before) throw notFound('User');
      if (input.disabled === true && before.disabledAt) patch.disabledAt = before.disabledAt;
      const user = (await updateUser(tx, userId, patch))!;
      const signOut = input.disabled === true || input.password !== undefined || (input.role !== undefined && input.role !== before.role);
      const sessionsRevoked = signOut ? await revokeUserSessions(tx, userId, now) : 0;
      await appendAudit(tx, {
        userId: actorId,
        action: 'user.update',
        targetType: 'user',
        targetId: userId,
        // Which fields changed, never the password itself.
        details: {
          changed: Object.keys(input),
          ...(input.role !== undefined && { role: { from: before.role, to: user.role } }),
          ...(input.disabled !== undefined && { disabled: input.disabled }),
          ...(input.email !== undefined && { email: { from: before.email, to: user.email } }),
          sessions_revoked: sessionsRevoked,
        },
      });
      return user;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}
