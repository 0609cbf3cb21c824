// SQL for console sessions: one row per sign-in; a session is live while it is neither
// revoked nor expired and its user is not disabled. Checked on every request.
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { sessions, users } from '../schema.ts';
import type { UserRow } from './users.ts';

export async function insertSession(db: DbOrTx, values: { userId: string; expiresAt: Date; ip: string | null; userAgent: string | null }): Promise<string> {
  const [row] = await db.insert(sessions).values(values).returning({ id: sessions.id });
  return row.id;
}

/** The user of a live session, or undefined. */
export async function findLiveSessionUser(db: DbOrTx, sessionId: string, now: Date): Promise<UserRow | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), isNull(users.disabledAt)))
    .limit(1);
  return row?.user;
}

export async function revokeSession(db: DbOrTx, sessionId: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

export async function revokeUserSessions(db: DbOrTx, userId: string, now: Date): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}
