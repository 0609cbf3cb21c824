// `npm run demo`: the Tickera simulator with 10,000 tickets and FastCheck beside it, with
// an event connected to the simulator and synced while you watch; then sign in to the
// console, or log a phone in with the printed scanner credential and scan printed codes.
// Uses DATABASE_URL when set, else embedded PGlite in ./data/demo.
import { serve } from '@hono/node-server';
import { createApp } from '../server/app.ts';
import { createBus } from '../server/bus.ts';
import { systemClock } from '../server/clock.ts';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/open.ts';
import { listUsers } from '../server/db/repos/users.ts';
import { ensureFirstAdmin } from '../server/first-run.ts';
import { createLogger } from '../server/logger.ts';
import { createCredential } from '../server/organiser/credentials.ts';
import { createEvent } from '../server/organiser/events.ts';
import { startServices } from '../server/services.ts';
import { connectTickera } from '../server/tickera/connect.ts';
import { startSync } from '../server/tickera/sync.ts';
import { readSyncRun } from '../server/tickera/sync-run-view.ts';
import { createCredentialRequestSchema } from '../shared/protocol/credentials.ts';
import { createEventRequestSchema } from '../shared/protocol/events.ts';
import { startTickeraSim } from '../tickera-sim/server.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);
const HOUR = 3_600_000;

// The show starts in one to two hours: doors (by default open 2 h before the start) are open now, so
// printed codes scan green, and the lifecycle schedule is in its "near" phase.
const eventStart = new Date(Math.ceil((Date.now() + HOUR) / HOUR) * HOUR);
const sim = await startTickeraSim({
  tickets: Number(process.env.DEMO_TICKETS ?? 10_000),
  port: Number(process.env.SIM_PORT ?? 8787),
  pageLatencyMs: Number(process.env.SIM_LATENCY_MS ?? 50),
  eventStart,
});
out(`Tickera simulator: ${sim.url} (${sim.tickets.length} tickets, API key ${sim.apiKey})`);

const config = loadConfig({ FASTCHECK_DATA_DIR: './data/demo', LOG_LEVEL: 'warn', TICKERA_ALLOW_PRIVATE: 'true', ...process.env });
const logger = createLogger(config.logLevel);
const database = await openDatabase(config);
const deps = { database, config, clock: systemClock, bus: createBus(), logger, services: {} };
const stopServices = await startServices(deps);
const server = serve({ fetch: createApp(deps).fetch, port: config.port, hostname: config.host });
const url = config.publicUrl ?? `http://localhost:${config.port}`;

const first = await ensureFirstAdmin(database, config);
const admin = (await listUsers(database.db)).find((u) => u.role === 'admin');
if (!admin) throw new Error('no admin user in the demo database');
const actor = { id: admin.id, email: admin.email, name: admin.name, role: admin.role, sessionId: 'demo' };
const event = await createEvent(database, actor, createEventRequestSchema.parse({ name: 'Lab Fest 2026 (demo)' }));
const connection = await connectTickera(deps, event.id, { site_url: sim.url, api_key: sim.apiKey });
out(`Event "${event.name}" connected: starts ${connection.starts_at} (${connection.timezone}), ends ${connection.ends_at}`);

const { run, done } = await startSync(deps, event.id, { trigger: 'demo' });
const timer = setInterval(async () => {
  const view = await readSyncRun(database.db, event.id, run.id);
  if (view?.status === 'running') out(`  sync: ${view.percent}%  (${view.records}/${view.total} records, ${view.pages} pages)`);
}, 250);
const finished = await done;
clearInterval(timer);
if (finished.status !== 'succeeded') throw new Error(`demo sync failed: ${finished.error}`);
const seconds = ((finished.finishedAt!.getTime() - finished.startedAt.getTime()) / 1000).toFixed(2);
out(`Synced ${finished.records} attendees in ${seconds} s (waiting on Tickera ${finished.tickeraMs} ms, our work ${finished.ownMs} ms)`);

const credential = await createCredential(database, {
  actorId: admin.id,
  eventId: event.id,
  server: url,
  now: new Date(),
  request: createCredentialRequestSchema.parse({ label: 'Demo door' }),
});

out();
out(`FastCheck: ${url}`);
out(first ? `  console:  ${first.email} / ${first.generatedPassword ?? '(your ADMIN_PASSWORD)'}` : `  console:  ${admin.email} (password from your first run)`);
out(`  event id: ${event.id}`);
out(`  scanner:  credential ${credential.credential}`);
out('  codes to scan (type them or print them as QR codes):');
for (const t of sim.tickets.slice(-5).reverse()) out(`    ${t.code}  ${t.ownerFirst} ${t.ownerLast} (${t.type.title.replace('&amp;', '&')})`);
out('Ctrl-C stops both.');

const stop = async () => {
  server.close();
  await stopServices();
  await sim.close();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
