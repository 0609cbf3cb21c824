// Write-back: accepted FastCheck check-ins are sent to Tickera's check_in (with the scan
// time) from the durable tickera_outbox, so Tickera's own counts stay right. Tickera has
// no idempotency key and records every call, so a call whose outcome is unknown (timeout,
// crash) is never blindly repeated: ticket_checkins is read first, and a count above the
// one taken just before the call means it landed.
import type { AppDeps } from '../app-env.ts';
import { CHECKIN_ACCEPTED_TOPIC, onCheckInAccepted } from '../checkin/events.ts';
import {
  claimDueWritebacks,
  deliveredWritebacks,
  enqueueTickeraWriteback,
  finishWriteback,
  markWritebackSending,
  retryWritebackLater,
  type OutboxRow,
} from '../db/repos/tickera-outbox.ts';
import { createTickeraClient, type TickeraClient } from './client.ts';
import { recordTickeraDoubleAdmission } from './double-admission.ts';
import type { TicketCheckins } from './parse.ts';
import { decryptApiKey } from './key-crypto.ts';
import { redactKey } from './redact.ts';
import { findTickeraEvent } from '../db/repos/tickera-events.ts';

export { enqueueTickeraWriteback };

export interface WritebackOptions {
  batch: number;
  leaseMs: number;
  timeoutMs: number;
  retryBaseMs: number;
  maxAttempts: number;
}

export const defaultWritebackOptions: WritebackOptions = {
  batch: 50,
  leaseMs: 2 * 60_000,
  timeoutMs: 15_000,
  retryBaseMs: 30_000,
  maxAttempts: 12,
};

export interface WritebackWorker {
  /** Sends every due row once; resolves with how many rows were handled. */
  runOnce(): Promise<number>;
}

export function createWritebackWorker(deps: AppDeps, options: Partial<WritebackOptions> = {}): WritebackWorker {
  const o = { ...defaultWritebackOptions, ...options };
  const { database, clock, logger } = deps;
  const db = database.db;

  /**
   * Tickera recorded our admission as Fail. If it holds a Pass that is not one of our own
   * write-backs, the ticket was checked in there too: a double admission, for review.
   */
  async function writebackFailed(row: OutboxRow, history: TicketCheckins): Promise<void> {
    const passes = history.filter((h) => h.status.toLowerCase() === 'pass');
    if (passes.length > (await deliveredWritebacks(db, row.eventId, row.ticketCode, row.id))) {
      await recordTickeraDoubleAdmission(deps, row, passes[0]?.date_checked || null);
    } else {
      await finishWriteback(db, row.id, 'failed', 'Tickera recorded it as Fail (outside its check-in window)');
    }
  }

  async function deliver(row: OutboxRow, client: TickeraClient, apiKey: string): Promise<void> {
    let calledNow = false;
    try {
      if (row.uncertain && row.checkinsBefore !== null) {
        const history = await client.ticketCheckins(row.ticketCode);
        if (history.length > row.checkinsBefore) {
          await finishWriteback(db, row.id, 'done', null);
          return;
        }
      }
      const history = await client.ticketCheckins(row.ticketCode);
      await markWritebackSending(db, row.id, history.length);
      calledNow = true;
      const answer = await client.checkIn(row.ticketCode, row.scannedAt);
      if (answer.kind === 'refused') await finishWriteback(db, row.id, 'failed', `Tickera refused: ${answer.message}`);
      else if (!answer.admitted) await writebackFailed(row, history);
      else await finishWriteback(db, row.id, 'done', null);
    } catch (err) {
      const message = redactKey((err as Error).message, apiKey);
      const attempts = row.attempts + (calledNow ? 1 : 0);
      const uncertain = calledNow || row.uncertain;
      if (attempts >= o.maxAttempts) {
        await finishWriteback(db, row.id, 'failed', `gave up after ${attempts} attempts: ${message}`);
        return;
      }
      const wait = o.retryBaseMs * 2 ** Math.min(attempts, 6) * (0.75 + Math.random() / 2);
      await retryWritebackLater(db, row.id, new Date(clock.now().getTime() + wait), message, uncertain);
      logger.warn({ eventId: row.eventId, outboxId: row.id, uncertain, error: message }, 'tickera write-back will be retried');
    }
  }

  return {
    async runOnce() {
      const now = clock.now();
      const rows = await claimDueWritebacks(database.db, now, new Date(now.getTime() + o.leaseMs), o.batch);
      const clients = new Map<string, { client: TickeraClient; apiKey: string } | null>();
      for (const row of rows) {
        if (!clients.has(row.eventId)) {
          const event = await findTickeraEvent(db, row.eventId);
          let entry: { client: TickeraClient; apiKey: string } | null = null;
          if (event?.siteUrl && event.apiKeyEnc) {
            try {
              const apiKey = decryptApiKey(event.apiKeyEnc, deps.config.secrets.ENCRYPTION_KEY, event.id);
              entry = { apiKey, client: createTickeraClient({ siteUrl: event.siteUrl, apiKey, logger, timeoutMs: o.timeoutMs, attempts: 2, backoffMs: 100 }) };
            } catch {
              entry = null;
            }
          }
          clients.set(row.eventId, entry);
        }
        const entry = clients.get(row.eventId);
        if (!entry) await finishWriteback(db, row.id, 'failed', 'the event is no longer connected to Tickera');
        else await deliver(row, entry.client, entry.apiKey);
      }
      return rows.length;
    },
  };
}

export const WRITEBACK_POLL_MS = 5_000;

/** Re-entries used no allowance and conflicts were over it: Tickera would only record a Fail. */
const writesBack = (a: { reentry?: boolean; conflict?: boolean }) => !a.reentry && !a.conflict;

/**
 * The background service. Accepted check-ins are queued inside the transaction that
 * records them (the check-in engine's onCheckInAccepted hook), so a write-back is never
 * lost between commit and queue. After the commit, the `checkin.accepted` bus topic wakes
 * the worker, but only when the hook really queued something: scans of events without
 * write-back cost the hot path nothing beyond the one guarded INSERT.
 */
export async function tickeraWritebackService(deps: AppDeps): Promise<() => Promise<void>> {
  const worker = createWritebackWorker(deps);
  let draining: Promise<unknown> = Promise.resolve();
  let again = false;
  const drain = () => {
    if (again) return;
    again = true;
    draining = draining
      .then(async () => {
        again = false;
        while ((await worker.runOnce()) > 0);
      })
      .catch((err) => deps.logger.error({ err }, 'tickera write-back failed'));
  };
  let queuedSinceWake = false;
  const removeHook = onCheckInAccepted(deps, async (tx, accepted) => {
    for (const a of accepted.filter(writesBack)) {
      if (await enqueueTickeraWriteback(tx, a)) queuedSinceWake = true;
    }
  });
  // Published after the commit; a rolled-back queueing only costs one needless drain.
  const unsubscribe = deps.bus.subscribe(CHECKIN_ACCEPTED_TOPIC, () => {
    if (!queuedSinceWake) return;
    queuedSinceWake = false;
    drain();
  });
  const timer = setInterval(drain, WRITEBACK_POLL_MS);
  timer.unref();
  drain();
  return async () => {
    removeHook();
    unsubscribe();
    clearInterval(timer);
    await draining;
  };
}
