// The health check's one query: does the database answer at all, within `withinMs`.
// A database that is unreachable (or black-holed) fails the ping instead of hanging it.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';

export const PING_BOUND_MS = 1000;

export async function pingDatabase(db: DbOrTx, withinMs = PING_BOUND_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${withinMs} ms`)), withinMs);
  });
  const ping = db.execute(sql`select 1`);
  ping.catch(() => {}); // a ping that fails after the bound is already answered
  try {
    await Promise.race([ping, late]);
  } finally {
    clearTimeout(timer);
  }
}
