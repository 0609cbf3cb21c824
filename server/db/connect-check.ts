// Before anything else touches a DATABASE_URL: can we reach it at all? When not, the
// start stops with one plain line naming the problem (no stack), exit code 1.
import postgres from 'postgres';

function explain(err: unknown, url: URL): string {
  const e = err as { code?: string; message?: string };
  const where = `${url.hostname}:${url.port || '5432'}`;
  if (e.code === 'ECONNREFUSED') return `cannot connect to ${where} (connection refused)`;
  if (e.code === 'CONNECT_TIMEOUT' || e.code === 'ETIMEDOUT') return `cannot connect to ${where} (timed out)`;
  if (e.code === 'ENOTFOUND') return `cannot connect to ${where} (unknown host)`;
  if (e.code === '3D000') return `database "${url.pathname.slice(1)}" does not exist on ${where}`;
  if (e.code === '28000' || e.code === '28P01') return `${e.message ?? 'authentication failed'} (${where})`;
  return `cannot use ${where}: ${e.message ?? String(err)}`;
}

/** Resolves when the database answers `select 1`; otherwise the one line to print. */
export async function checkDatabaseUrl(databaseUrl: string): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return 'DATABASE_URL: is not a valid URL';
  }
  const client = postgres(databaseUrl, { max: 1, connect_timeout: 5, onnotice: () => {}, prepare: false });
  try {
    await client`select 1`;
    return null;
  } catch (err) {
    return `DATABASE_URL: ${explain(err, url)}`;
  } finally {
    await client.end({ timeout: 1 }).catch(() => {});
  }
}

/** For main.ts: exits the process with the one line when the database cannot be used. */
export async function exitUnlessDatabaseReachable(databaseUrl: string | undefined): Promise<void> {
  if (!databaseUrl) return;
  const problem = await checkDatabaseUrl(databaseUrl);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
