// The Prometheus metrics of this process (prom-client): default process metrics, HTTP
// request latency by route pattern (bounded cardinality) and status, check-ins by source
// and verdict, scan uploads and how late their scans arrive, Tickera sync runs, SSE
// clients, and at scrape time (one short query) the database's reachability, the Tickera
// write-back queue and the connection pool's use by transactions.
import type { MiddlewareHandler } from 'hono';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Bus } from '../bus.ts';
import { CHECKIN_ACCEPTED_TOPIC } from '../checkin/events.ts';
import { poolUse, type Database } from '../db/client.ts';
import { writebackQueueDepth } from '../db/repos/tickera-outbox.ts';
import {
  SCAN_UPLOAD_SIGNAL,
  SCANS_RECORDED_SIGNAL,
  SSE_CLIENTS_SIGNAL,
  SYNC_FINISHED_SIGNAL,
  type ScansRecordedSignal,
  type ScanUploadSignal,
  type SseClientsSignal,
  type SyncFinishedSignal,
} from './signals.ts';

/** A scrape waits this long for the database before reporting it down. */
export const SCRAPE_DB_TIMEOUT_MS = 1000;

export interface Metrics {
  registry: Registry;
  /** Times every request under its Hono route pattern. */
  middleware: MiddlewareHandler;
  /** Reads the scrape-time gauges (one short database query), then renders the text format. */
  scrape(): Promise<string>;
  /** Stops listening to the bus. */
  stop(): void;
}

export function createMetrics(bus: Bus, database?: Database): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const requestSeconds = new Histogram({
    name: 'fastcheck_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const checkinsAccepted = new Counter({ name: 'fastcheck_checkins_accepted_total', help: 'Check-ins accepted (admissions recorded)', registers });
  const checkins = new Counter({
    name: 'fastcheck_checkins_total',
    help: 'Scans recorded, by source (online: POST /api/v1/check-in; upload: a phone outbox batch) and verdict; stored repeats are not counted again',
    labelNames: ['source', 'verdict'] as const,
    registers,
  });
  const uploads = new Counter({ name: 'fastcheck_scan_uploads_total', help: 'Scan-batch uploads received (valid envelopes)', registers });
  const uploadScans = new Counter({
    name: 'fastcheck_scan_upload_scans_total',
    help: 'Scans received in scan-batch uploads (repeats and bad items included)',
    registers,
  });
  const uploadDelay = new Histogram({
    name: 'fastcheck_scan_upload_delay_seconds',
    help: "Seconds from a scan to its arrival in an upload (time spent in the phone's outbox), per freshly recorded scan",
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200],
    registers,
  });
  const syncRuns = new Counter({
    name: 'fastcheck_tickera_sync_runs_total',
    help: 'Tickera sync runs ended, by result',
    labelNames: ['result'] as const,
    registers,
  });
  const sseClients = new Gauge({
    name: 'fastcheck_sse_clients',
    help: 'SSE clients connected: console dashboards (stats) and phones (phone-events)',
    labelNames: ['stream'] as const,
    registers,
  });
  for (const stream of ['stats', 'phone-events']) sseClients.set({ stream }, 0);
  const databaseUp = new Gauge({
    name: 'fastcheck_database_up',
    help: `1 when the database answered the scrape's query within ${SCRAPE_DB_TIMEOUT_MS} ms, else 0`,
    registers,
  });
  const writebackQueue = new Gauge({
    name: 'fastcheck_tickera_writeback_queue',
    help: 'Tickera write-back outbox rows (all events): pending, or failed (given up)',
    labelNames: ['state'] as const,
    registers,
  });
  const writebackOldest = new Gauge({
    name: 'fastcheck_tickera_writeback_oldest_pending_seconds',
    help: 'Age of the oldest pending Tickera write-back row (0 when none)',
    registers,
  });
  // postgres.js only: PGlite has no pool, so no pool series at all.
  const pool = database && poolUse(database);
  if (pool) {
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    gauge('fastcheck_db_pool_max', 'postgres.js pool size', () => pool.max);
    gauge('fastcheck_db_pool_in_use', 'Pool connections held by a transaction now (postgres.js)', () => pool.inUse);
    gauge('fastcheck_db_pool_waiting', 'Transactions waiting for a free pool connection (postgres.js)', () => pool.waiting);
  }

  const unsubscribes = [
    bus.subscribe(CHECKIN_ACCEPTED_TOPIC, () => checkinsAccepted.inc()),
    bus.subscribe<ScansRecordedSignal>(SCANS_RECORDED_SIGNAL, (s) => {
      for (const verdict of s.verdicts) checkins.inc({ source: s.source, verdict });
      for (const d of s.delaysSeconds) uploadDelay.observe(d);
    }),
    bus.subscribe<ScanUploadSignal>(SCAN_UPLOAD_SIGNAL, (s) => {
      uploads.inc();
      uploadScans.inc(s.scans);
    }),
    bus.subscribe<SyncFinishedSignal>(SYNC_FINISHED_SIGNAL, (s) => syncRuns.inc({ result: s.result })),
    bus.subscribe<SseClientsSignal>(SSE_CLIENTS_SIGNAL, (s) => sseClients.inc({ stream: s.stream }, s.change)),
  ];

  // One database read per scrape; a scrape that finds the last one still running does not pile up another.
  let reading: Promise<unknown> | null = null;
  async function readDatabaseGauges(db: Database) {
    if (reading) {
      databaseUp.set(0);
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const query = writebackQueueDepth(db.db);
    reading = query.catch(() => undefined).finally(() => (reading = null));
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), SCRAPE_DB_TIMEOUT_MS);
    });
    try {
      const depth = await Promise.race([query, timeout]);
      databaseUp.set(1);
      writebackQueue.set({ state: 'pending' }, depth.pending);
      writebackQueue.set({ state: 'failed' }, depth.failed);
      writebackOldest.set(depth.oldestPendingSeconds ?? 0);
    } catch {
      databaseUp.set(0);
      // Unknown, not stale: the series disappear until the database answers again.
      writebackQueue.reset();
      writebackOldest.reset();
    } finally {
      clearTimeout(timer);
    }
  }

  async function scrape() {
    if (database) await readDatabaseGauges(database);
    return registry.metrics();
  }

  const middleware: MiddlewareHandler = async (c, next) => {
    const end = requestSeconds.startTimer();
    try {
      await next();
    } finally {
      const route = c.req.matchedRoutes.find((r) => r.method !== 'ALL')?.path ?? 'unmatched';
      end({ method: c.req.method, route, status: String(c.res.status) });
    }
  };
  return {
    registry,
    middleware,
    scrape,
    stop: () => {
      for (const u of unsubscribes) u();
    },
  };
}
