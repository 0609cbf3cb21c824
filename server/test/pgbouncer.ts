// A real pgBouncer (Debian's /usr/sbin/pgbouncer) in front of the test Postgres, for tests
// and benchmarks: its own ini and userlist in a temp dir, a free loopback port, transaction
// pooling, trust auth, every database name passed through (`* =`). Started as a child
// process (as the postgres user when we are root: pgBouncer refuses to run as root) and
// ready once it logs that it listens; stop() ends it. No test-runner imports here.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export const PGBOUNCER_BIN = process.env.PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer';

/** Why pgBouncer tests cannot run here, or null when they can. */
export function pgbouncerMissing(): string | null {
  return existsSync(PGBOUNCER_BIN) ? null : `pgBouncer is not installed (${PGBOUNCER_BIN}; apt-get install pgbouncer): pgBouncer tests skipped`;
}

export interface PgBouncer {
  port: number;
  /** `postgresUrl` with host and port pointing at pgBouncer (same user and database). */
  urlFor(postgresUrl: string): string;
  /** The admin console (SHOW POOLS, SHOW STATS): database `pgbouncer`. */
  adminUrl: string;
  /** Everything pgBouncer printed so far. */
  log(): string;
  stop(): Promise<void>;
}

export interface PgBouncerOptions {
  /** The Postgres every database name goes to. */
  targetUrl: string;
  poolSize?: number;
  maxClientConn?: number;
}

function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startPgBouncer(options: PgBouncerOptions): Promise<PgBouncer> {
  const target = new URL(options.targetUrl);
  const user = decodeURIComponent(target.username || 'postgres');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'fc-pgbouncer-'));
  const ini = join(dir, 'pgbouncer.ini');
  const userlist = join(dir, 'userlist.txt');
  writeFileSync(userlist, `"${user}" ""\n`);
  writeFileSync(
    ini,
    [
      '[databases]',
      `* = host=${target.hostname} port=${target.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      'auth_type = trust',
      `auth_file = ${userlist}`,
      'pool_mode = transaction',
      `default_pool_size = ${options.poolSize ?? 20}`,
      `max_client_conn = ${options.maxClientConn ?? 500}`,
      `admin_users = ${user}`,
      `stats_users = ${user}`,
      'query_timeout = 30',
      'server_reset_query =',
      '',
    ].join('\n'),
  );
  const owner = runAs();
  // The postgres user must read the files and write its socket into the directory.
  if (owner) execFileSync('chown', ['-R', `${owner.uid}:${owner.gid}`, dir]);
  chmodSync(dir, 0o755);

  const child = spawn(PGBOUNCER_BIN, [ini], { stdio: ['ignore', 'pipe', 'pipe'], ...(owner ?? {}) });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening on 127\.0\.0\.1:\d+/.test(output)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`pgbouncer exited (${code}) before listening:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await ready;

  const urlFor = (postgresUrl: string) => {
    const u = new URL(postgresUrl);
    u.hostname = '127.0.0.1';
    u.port = String(port);
    return u.toString();
  };
  const admin = new URL(options.targetUrl);
  admin.pathname = '/pgbouncer';
  return {
    port,
    urlFor,
    adminUrl: urlFor(admin.toString()),
    log: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // SIGTERM: immediate shutdown up to pgBouncer 1.22 (later ones wait for clients; then SIGKILL).
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(force);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
