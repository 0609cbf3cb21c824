// The only place that reads the environment and listens. Everything else is built by
// createApp(deps) so tests can run it without a socket.
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.ts';
import { createBus } from './bus.ts';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig, redactConfig } from './config.ts';
import { exitUnlessDatabaseReachable } from './db/connect-check.ts';
import { openDatabase } from './db/open.ts';
import { ensureFirstAdmin } from './first-run.ts';
import { readTlsFiles, startHttpsListener, TlsFilesError } from './http/https-listener.ts';
import { publicUrlWarning } from './http/public-url-warning.ts';
import { createLogger } from './logger.ts';
import { exitUnlessPgliteDirFree } from './pglite-lock.ts';
import { logUnhandledRejections } from './process-guards.ts';
import { startMetricsListener } from './metrics/metrics-listener.ts';
import { createMetrics } from './metrics/registry.ts';
import { startServices } from './services.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

let tlsFiles: ReturnType<typeof readTlsFiles> | undefined;
try {
  if (config.https.enabled) tlsFiles = readTlsFiles(config.https);
} catch (err) {
  if (err instanceof TlsFilesError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const logger = createLogger(config.logLevel);
logUnhandledRejections(logger);
logger.info({ config: redactConfig(config) }, 'starting FastCheck');
if (config.generatedSecrets.length) {
  logger.info({ secrets: config.generatedSecrets, dataDir: config.dataDir }, 'using secrets kept in the data dir');
}

await exitUnlessDatabaseReachable(config.databaseUrl);
exitUnlessPgliteDirFree(config.databaseUrl, config.dataDir);
const urlWarning = publicUrlWarning(config);
if (urlWarning) logger.warn({ publicUrl: config.publicUrl ?? null }, urlWarning);

const database = await openDatabase(config);
const bus = createBus();
const metrics = config.metrics.enabled ? createMetrics(bus, database) : undefined;
const deps = { database, config, clock: systemClock, bus, logger, services: { requestMetrics: metrics?.middleware } };
const stopServices = await startServices(deps);
const app = createApp(deps);

// The first admin exists before the first request can arrive, and its credentials are
// printed before the "listening" line: whoever waits for that line has them.
const firstAdmin = await ensureFirstAdmin(database, config);

const server: ServerType = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const url = config.publicUrl ?? `http://localhost:${info.port}`;
  if (firstAdmin) {
    // Printed to the terminal once, deliberately not through the logger.
    const lines = [
      '',
      '  FastCheck is ready. First sign-in:',
      `    URL:      ${url}`,
      `    Email:    ${firstAdmin.email}`,
      `    Password: ${firstAdmin.generatedPassword ?? '(the ADMIN_PASSWORD you set)'}`,
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  logger.info({ port: info.port, database: database.kind }, `FastCheck listening on ${url}`);
});

const metricsServer = metrics && startMetricsListener(metrics, config.metrics.port, logger);
const httpsServer = tlsFiles && startHttpsListener(app.fetch, config, tlsFiles, logger);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: no new connections, finishing requests');
  const hardStop = setTimeout(() => {
    logger.error('in-flight requests did not finish within 10 s; exiting');
    process.exit(1);
  }, 10_000);
  hardStop.unref();
  // In-flight requests get 5 s; then long-lived streams (SSE) are cut so close() can finish.
  const cutStreams = setTimeout(() => (server as import('node:http').Server).closeAllConnections?.(), 5_000);
  cutStreams.unref();
  const cutHttpsStreams = setTimeout(() => httpsServer?.closeAllConnections(), 5_000);
  cutHttpsStreams.unref();
  await Promise.all([
    new Promise<void>((resolve) => server.close(() => resolve())),
    httpsServer && new Promise<void>((resolve) => httpsServer.close(() => resolve())),
  ]);
  metricsServer?.close();
  await stopServices();
  await database.close();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
