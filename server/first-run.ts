// First run: with no user in the database, create the admin from ADMIN_EMAIL /
// ADMIN_PASSWORD, or with a generated password that is printed once (never logged).
import { count } from 'drizzle-orm';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { users } from './db/schema.ts';
import { generatePassword, hashPassword } from './auth/password.ts';

export interface FirstRunResult {
  email: string;
  /** Only when generated: the caller shows it once. */
  generatedPassword?: string;
}

export async function ensureFirstAdmin(
  database: Database,
  config: Pick<Config, 'adminEmail' | 'adminPassword'>,
): Promise<FirstRunResult | null> {
  const [{ n }] = await database.db.select({ n: count() }).from(users);
  if (n > 0) return null;
  const email = config.adminEmail ?? 'admin@fastcheck.local';
  const generatedPassword = config.adminPassword ? undefined : generatePassword();
  const passwordHash = await hashPassword(config.adminPassword ?? generatedPassword!);
  const inserted = await database.db
    .insert(users)
    .values({ email, name: 'Administrator', role: 'admin', passwordHash })
    .onConflictDoNothing()
    .returning({ id: users.id });
  // Another instance may have won the race: then it printed the password.
  if (inserted.length === 0) return null;
  return { email, generatedPassword };
}
