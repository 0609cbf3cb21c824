// The sync use case: one run per event at a time (the database refuses a second), which
// reads event_essentials, pulls every page (sync-fetch), and applies everything in one
// transaction (sync-apply). A failed run writes no attendee data; its error, worded for
// the organiser and with the API key redacted, is recorded on the run.
import type { AppDeps } from '../app-env.ts';
import { insertRunningSync, finishSync, updateSyncProgress, type SyncRunRow, findSyncRun } from '../db/repos/sync-runs.ts';
import { AppError } from '../http/app-error.ts';
import { createTickeraClient, type TickeraClient } from './client.ts';
import { decryptApiKey } from './key-crypto.ts';
import { redactKey } from './redact.ts';
import { applySync, MassRevocationRefused } from './sync-apply.ts';
import { fetchAllTickets, type FetchPlan } from './sync-fetch.ts';
import { scopeRecords } from './event-scope.ts';
import { createWaitTracker, forgetProgress, trackProgress } from './sync-progress.ts';
import { TickeraError } from './tickera-error.ts';
import { findTickeraEvent } from '../db/repos/tickera-events.ts';
import { signal } from '../metrics/signals.ts';

export interface SyncSettings {
  /** The first page's size; adaptive runs choose the rest from its timing (sync-fetch.ts). */
  perPage: number;
  /** Pages in flight at most; adaptive runs climb to it while throughput grows. */
  concurrency: number;
  /** Choose page size and concurrency from measured page timings. */
  adaptive: boolean;
  batchSize: number;
  timeoutMs: number;
  attempts: number;
  backoffMs: number;
  /** How often progress is written to sync_runs for other instances. */
  flushMs: number;
}

export const defaultSyncSettings: SyncSettings = {
  perPage: 500,
  concurrency: 6,
  adaptive: true,
  batchSize: 1000,
  timeoutMs: 30_000,
  attempts: 4,
  backoffMs: 250,
  flushMs: 500,
};

/** Settings from deps.services.tickeraSync (tests and benches tune them), else the defaults. */
export function syncSettings(deps: AppDeps, overrides: Partial<SyncSettings> = {}): SyncSettings {
  const fromDeps = deps.services?.tickeraSync ?? {};
  return { ...defaultSyncSettings, ...fromDeps, ...overrides };
}

export interface StartedSync {
  run: SyncRunRow;
  /** Settles (never rejects) with the finished run. */
  done: Promise<SyncRunRow>;
}

export interface StartSyncOptions {
  trigger?: string;
  settings?: Partial<SyncSettings>;
  /** The organiser confirmed that many tickets really vanished (never set by the scheduler). */
  confirmRevocations?: boolean;
  /** Told the page size and concurrency the fetch settled on (the bench prints it). */
  onPlan?: (plan: FetchPlan) => void;
}

export async function startSync(deps: AppDeps, eventId: string, options: StartSyncOptions = {}): Promise<StartedSync> {
  const event = await findTickeraEvent(deps.database.db, eventId);
  if (!event) throw new AppError('not_found', 404, 'Event not found');
  if (!event.siteUrl || !event.apiKeyEnc) throw new AppError('conflict', 409, 'This event is not connected to a Tickera site yet');
  const run = await insertRunningSync(deps.database.db, eventId, options.trigger ?? 'manual', deps.clock.now());
  if (!run) throw new AppError('conflict', 409, 'A sync is already running for this event');
  const settings = syncSettings(deps, options.settings);
  const done = executeSync(deps, { ...event, siteUrl: event.siteUrl, apiKeyEnc: event.apiKeyEnc }, run, settings, options);
  return { run, done };
}

async function executeSync(
  deps: AppDeps,
  event: { id: string; siteUrl: string; apiKeyEnc: string; eventTitle: string | null },
  run: SyncRunRow,
  s: SyncSettings,
  options: StartSyncOptions,
): Promise<SyncRunRow> {
  const confirmRevocations = options.confirmRevocations ?? false;
  const { database, clock, logger } = deps;
  const started = performance.now();
  const tracker = createWaitTracker();
  const progress = trackProgress(run.id, { eventId: event.id, phase: 'fetching', pages: 0, records: 0, total: null });
  const split = () => {
    const tickeraMs = Math.round(tracker.waitedMs());
    return { tickeraMs, ownMs: Math.max(0, Math.round(performance.now() - started) - tickeraMs) };
  };
  let apiKey: string | undefined;
  let flushing = Promise.resolve();
  let lastFlush = 0;
  const flush = (force = false) => {
    if (!force && performance.now() - lastFlush < s.flushMs) return;
    lastFlush = performance.now();
    const snapshot = { pages: progress.pages, records: progress.records, total: progress.total };
    flushing = flushing.then(() => updateSyncProgress(database.db, run.id, snapshot)).catch(() => undefined);
  };

  try {
    try {
      apiKey = decryptApiKey(event.apiKeyEnc, deps.config.secrets.ENCRYPTION_KEY, event.id);
    } catch {
      throw new Error('the stored API key cannot be decrypted (was ENCRYPTION_KEY changed?): connect the event to Tickera again');
    }
    const raw = createTickeraClient({ siteUrl: event.siteUrl, apiKey, logger, timeoutMs: s.timeoutMs, attempts: s.attempts, backoffMs: s.backoffMs });
    const client: TickeraClient = {
      ...raw,
      // A key covering several events: this FastCheck event takes one of them (event-scope.ts).
      eventEssentials: () => tracker.wrap(() => raw.eventEssentials({ multiple: event.eventTitle !== null })),
      ticketsPage: (perPage, page) => tracker.wrap(() => raw.ticketsPage(perPage, page)),
    };
    const essentials = await client.eventEssentials();
    progress.total = essentials.sold_tickets;
    flush(true);
    const fetched = await fetchAllTickets(client, {
      perPage: s.perPage,
      concurrency: s.concurrency,
      adaptive: s.adaptive,
      expected: essentials.sold_tickets,
      onPage: (pages, records) => {
        progress.pages = pages;
        progress.records = records;
        flush();
      },
    });
    const records = scopeRecords(fetched.records, event.eventTitle);
    options.onPlan?.(fetched.plan);
    progress.phase = 'applying';
    await flushing;
    const counts = await applySync(database, {
      eventId: event.id,
      runId: run.id,
      records,
      batchSize: s.batchSize,
      confirmRevocations,
      now: () => clock.now(),
      outcome: (c) => ({
        status: 'succeeded',
        finishedAt: clock.now(),
        pages: fetched.pages,
        records: records.size,
        total: progress.total,
        ...c,
        ...split(),
      }),
    });
    logger.info({ eventId: event.id, runId: run.id, records: records.size, plan: fetched.plan, ...counts, ...split() }, 'tickera sync succeeded');
    signal.syncFinished(deps.bus, { result: 'succeeded' });
  } catch (err) {
    const readable = err instanceof TickeraError || err instanceof MassRevocationRefused;
    const message = redactKey(readable ? err.message : `sync failed: ${(err as Error).message}`, apiKey);
    logger.warn({ eventId: event.id, runId: run.id, error: message }, 'tickera sync failed');
    signal.syncFinished(deps.bus, { result: 'failed' });
    await flushing;
    await finishSync(database.db, run.id, {
      status: 'failed',
      finishedAt: clock.now(),
      pages: progress.pages,
      records: progress.records,
      total: progress.total,
      ...split(),
      error: message,
    }).catch((e) => logger.error({ err: e, runId: run.id }, 'could not record the failed sync'));
  } finally {
    progress.phase = 'done';
    forgetProgress(run.id);
  }
  return (await findSyncRun(database.db, event.id, run.id).catch(() => undefined)) ?? run;
}
