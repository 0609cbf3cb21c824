// Shared setup of the check-in benchmarks: a scratch Postgres database with one event of
// 10k attendees, the real app listening on a random port, and a keep-alive HTTP client.
import { serve, type ServerType } from '@hono/node-server';
import { type Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../server/app.ts';
import { openPostgres } from '../server/db/client.ts';
import { startServices } from '../server/services.ts';
import { seedEvent, type SeededEvent } from '../server/checkin/test-fixtures.ts';
import { mobileLogin } from '../server/auth/phone-login.ts';
import { makeTestDeps, testConfig } from '../server/test/app.ts';
import { createTestDatabase, type TestDatabase } from '../server/test/scratch-db.ts';

export interface BenchServer {
  tdb: TestDatabase;
  seed: SeededEvent;
  base: string;
  port: number;
  tokens: string[];
  app: ReturnType<typeof createApp>;
  deps: ReturnType<typeof makeTestDeps>;
  close(): Promise<void>;
}

export async function startBenchServer(
  options: {
    attendees?: number;
    phones?: number;
    checkinsAllowed?: number;
    pool?: number;
    /** Another database than a scratch Postgres one (e.g. PGlite). */
    tdb?: TestDatabase;
  } = {},
): Promise<BenchServer> {
  const scratch = options.tdb ?? (await createTestDatabase('postgres', { max: options.pool ?? 20 }));
  // BENCH_PGBOUNCER=1 runs the app as behind pgBouncer (no named prepared statements), for comparison.
  const tdb: TestDatabase =
    process.env.BENCH_PGBOUNCER === '1'
      ? {
          ...scratch,
          database: openPostgres({ url: scratch.url!, max: options.pool ?? 20, pgbouncer: true }),
          drop: async () => {
            await tdb.database.close();
            await scratch.drop();
          },
        }
      : scratch;
  const deps = makeTestDeps(tdb.database, { config: testConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_SCAN: '100000', RATE_LIMIT_SYNC: '100000' }) });
  const app = createApp(deps);
  // BENCH_SERVICES=1 starts the background services as main.ts does (stats fan-out, Tickera
  // write-back: its in-transaction hook and its after-commit queueing run for every admission).
  const stopServices = process.env.BENCH_SERVICES === '1' ? await startServices(deps) : async () => {};
  const seed = await seedEvent(tdb.database, { attendees: options.attendees ?? 10_000, checkinsAllowed: options.checkinsAllowed ?? 1 });
  const tokens: string[] = [];
  // The sign-in use case directly: the route's per-IP throttle would stop 50 phones from one address.
  for (let i = 0; i < (options.phones ?? 1); i++)
    tokens.push((await mobileLogin(deps, { event_id: seed.eventId, credential: seed.door, device_name: `Door ${i}` })).token);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    tdb,
    seed,
    port,
    base: `http://127.0.0.1:${port}`,
    tokens,
    app,
    deps,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await stopServices();
      await tdb.drop();
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One HTTP request on a keep-alive agent; the body bytes exactly as they came off the wire. */
export function httpRequest(agent: Agent, port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;
