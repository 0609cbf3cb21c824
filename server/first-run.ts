// First run: with no user in the database, create the admin from ADMIN_EMAIL /
// ADMIN_PASSWORD, or with a generated password that is printed once (never logged).
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { countUsers, insertUser } from './db/repos/users.ts';
import { generatePassword, hashPassword } from './auth/password.ts';

export interface FirstRunResult {
  email: string;
  /** Only when generated: the caller shows it once. */
  generatedPassword?: string;
}

export async function ensureFirstAdmin(database: Database, config: Pick<Config, 'adminEmail' | 'adminPassword'>): Promise<FirstRunResult | null> {
  if ((await countUsers(database.db)) > 0) return null;
  const email = config.adminEmail ?? 'admin@fastcheck.local';
  const generatedPassword = config.adminPassword ? undefined : generatePassword();
  const passwordHash = await hashPassword(config.adminPassword ?? generatedPassword!);
  const inserted = await insertUser(database.db, { email, name: 'Administrator', role: 'admin', passwordHash });
  // Another instance may have won the race: then it printed the password.
  if (!inserted) return null;
  return { email, generatedPassword };
}
