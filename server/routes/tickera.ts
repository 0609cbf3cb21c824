// Tickera bridge routes: discover what a key covers and import its events, connect an
// event to a site, start a sync and follow it (JSON or SSE), and see the write-back
// queue. Event routes need console access to the event (write for POST), through the
// organiser API's session and event guard; discover and import need an organiser.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { uuidSchema } from '../../shared/protocol/common.ts';
import { connectTickeraRequestSchema, startSyncQuerySchema, type TickeraStatus } from '../../shared/protocol/tickera.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { latestSyncRun } from '../db/repos/sync-runs.ts';
import { recentWritebackFailures, writebackCounts } from '../db/repos/tickera-outbox.ts';
import { AppError, notFound } from '../http/app-error.ts';
import { rateLimiterFromConfig } from '../http/rate-limit.ts';
import { allowRoles, eventAccess, requireEventAccess, requireUser } from '../auth/require-role.ts';
import { requireJson } from '../http/content-type.ts';
import { discoverTickeraRequestSchema, importTickeraRequestSchema } from '../../shared/protocol/tickera-import.ts';
import { discoverTickera } from '../tickera/discover.ts';
import { importTickeraEvents } from '../tickera/import.ts';
import { validate } from '../http/validate.ts';
import { connectTickera } from '../tickera/connect.ts';
import { startSync } from '../tickera/sync.ts';
import { readSyncRun, syncRunView } from '../tickera/sync-run-view.ts';
import { findTickeraEvent } from '../db/repos/tickera-events.ts';

const runParams = z.object({ id: z.string(), run: uuidSchema });
const STREAM_INTERVAL_MS = 250;

export function tickeraRoutes(deps: AppDeps) {
  const { database, config } = deps;
  const syncLimiter = rateLimiterFromConfig(config, { limit: config.rateLimitSync, windowMs: 5 * 60_000, prefix: 'tickera-sync' });
  return new Hono<AppEnv>()
    .use('/api/v1/events/:id/tickera', eventAccess())
    .use('/api/v1/events/:id/sync', eventAccess())
    .use('/api/v1/events/:id/sync/*', eventAccess())
    .use('/api/v1/tickera/*', allowRoles('admin', 'organiser'))
    .post('/api/v1/tickera/discover', requireJson, validate('json', discoverTickeraRequestSchema), async (c) => {
      const { zone: _zone, ...data } = await discoverTickera(deps, requireUser(c), c.req.valid('json'));
      return c.json({ data });
    })
    .post('/api/v1/tickera/import', requireJson, validate('json', importTickeraRequestSchema), async (c) => {
      const access = { assertWritable: async (id: string) => void (await requireEventAccess(c, id, { write: true })) };
      return c.json({ data: await importTickeraEvents(deps, requireUser(c), access, c.req.valid('json')) }, 201);
    })
    .post('/api/v1/events/:id/tickera', validate('json', connectTickeraRequestSchema), async (c) => {
      return c.json({ data: await connectTickera(deps, c.var.event.id, c.req.valid('json')) });
    })
    .get('/api/v1/events/:id/tickera', async (c) => {
      const event = (await findTickeraEvent(database.db, c.var.event.id))!;
      const last = await latestSyncRun(database.db, event.id);
      const failures = await recentWritebackFailures(database.db, event.id);
      const data: TickeraStatus = {
        connected: !!event.siteUrl && !!event.apiKeyEnc,
        site_url: event.siteUrl,
        tickera_event_title: event.eventTitle,
        start_confirmed: event.startConfirmed,
        end_confirmed: event.endConfirmed,
        starts_at: event.startsAt?.toISOString() ?? null,
        ends_at: event.endsAt?.toISOString() ?? null,
        last_synced_at: event.lastSyncedAt?.toISOString() ?? null,
        last_run: last ? syncRunView(last) : null,
        writeback: {
          enabled: event.writeback,
          ...(await writebackCounts(database.db, event.id)),
          recent_failures: failures.map((f) => ({ ticket_code: f.ticketCode, scanned_at: f.scannedAt.toISOString(), error: f.lastError })),
        },
      };
      return c.json({ data });
    })
    .post('/api/v1/events/:id/sync', validate('query', startSyncQuerySchema), async (c) => {
      const limit = await syncLimiter.hit(c.var.event.id);
      if (!limit.allowed) {
        throw new AppError('rate_limited', 429, `Too many syncs for this event; try again in ${limit.retryAfterSeconds} s`, undefined, {
          'Retry-After': String(limit.retryAfterSeconds),
        });
      }
      const confirmRevocations = c.req.valid('query').confirm_revocations === 'true';
      const { run } = await startSync(deps, c.var.event.id, { trigger: 'manual', confirmRevocations });
      return c.json({ data: syncRunView(run) }, 202);
    })
    .get('/api/v1/events/:id/sync/:run', validate('param', runParams), async (c) => {
      const run = await readSyncRun(database.db, c.var.event.id, c.req.valid('param').run);
      if (!run) throw notFound('Sync run');
      return c.json({ data: run });
    })
    .get('/api/v1/events/:id/sync/:run/stream', validate('param', runParams), async (c) => {
      const eventId = c.var.event.id;
      const runId = c.req.valid('param').run;
      if (!(await readSyncRun(database.db, eventId, runId))) throw notFound('Sync run');
      return streamSSE(c, async (stream) => {
        let last = '';
        while (!stream.aborted) {
          const run = await readSyncRun(database.db, eventId, runId);
          if (!run) return;
          const data = JSON.stringify(run);
          if (data !== last) await stream.writeSSE({ event: run.status === 'running' ? 'progress' : 'done', data });
          last = data;
          if (run.status !== 'running') return;
          await stream.sleep(STREAM_INTERVAL_MS);
        }
      });
    });
}
