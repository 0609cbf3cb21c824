// Write-back: accepted FastCheck check-ins are sent to Tickera's check_in (with the scan
// time) from the durable tickera_outbox, so Tickera's own counts stay right. Tickera has
// no idempotency key and records every call, so a call whose outcome is unknown (timeout,
// crash) is never blindly repeated: ticket_checkins is read first, and a count above the
// one taken just before the call means it landed.
import type { AppDeps } from '../app-env.ts';
import { CHECKIN_ACCEPTED_TOPIC, onCheckInAccepted } from '../checkin/events.ts';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type ClaimedRow,
  claimDueWritebacks,
  deliveredWritebacks,
  enqueueTickeraWriteback,
  finishWriteback,
  markWritebackSending,
  nextWritebackDue,
  renewWritebackLeases,
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
  /** Rows one runOnce() claims. */
  batch: number;
  /** Rows in flight at once per instance (each is two Tickera calls; a site has few PHP workers). */
  concurrency: number;
  /** A claim's lease: how long a crashed instance's rows stay untouchable. */
  leaseMs: number;
  /** How often the owner renews the leases of the rows it works on (well inside leaseMs). */
  heartbeatMs: number;
  timeoutMs: number;
  retryBaseMs: number;
  maxAttempts: number;
  /** This instance's name on its claims; default host:pid:random. */
  owner?: string;
}

export const defaultWritebackOptions: WritebackOptions = {
  batch: 50,
  concurrency: 4,
  leaseMs: 10_000,
  heartbeatMs: 3_000,
  timeoutMs: 8_000,
  retryBaseMs: 30_000,
  maxAttempts: 12,
};

export interface WritebackWorker {
  readonly owner: string;
  /** Claims up to `limit` due rows (leased to this worker, renewed while it holds them). */
  claim(limit: number): Promise<ClaimedRow[]>;
  /** Sends one claimed row; never rejects. */
  deliver(row: ClaimedRow): Promise<void>;
  /** Claims a batch of due rows and sends them; resolves with how many rows were handled. */
  runOnce(): Promise<number>;
  /** Stops the heartbeat (rows still held keep their lease until it runs out). */
  close(): void;
}

export function createWritebackWorker(deps: AppDeps, options: Partial<WritebackOptions> = {}): WritebackWorker {
  const o = { ...defaultWritebackOptions, ...options };
  const owner = o.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const { database, clock, logger } = deps;
  const db = database.db;
  const later = (ms: number) => new Date(clock.now().getTime() + ms);

  // The heartbeat: while rows are held, their leases are pushed out every heartbeatMs.
  const held = new Set<number>();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const beat = () => {
    if (held.size === 0) return;
    renewWritebackLeases(db, owner, [...held], later(o.leaseMs)).catch((err) => logger.warn({ err }, 'tickera write-back lease renewal failed'));
  };
  const hold = (id: number) => {
    held.add(id);
    heartbeat ??= setInterval(beat, o.heartbeatMs);
    heartbeat.unref?.();
  };
  const release = (id: number) => {
    held.delete(id);
    if (held.size === 0 && heartbeat) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
  };

  /**
   * Tickera recorded our admission as Fail. If it holds a Pass that is not one of our own
   * write-backs, the ticket was checked in there too: a double admission, for review.
   */
  async function writebackFailed(row: OutboxRow, history: TicketCheckins): Promise<void> {
    const passes = history.filter((h) => h.status.toLowerCase() === 'pass');
    if (passes.length > (await deliveredWritebacks(db, row.eventId, row.ticketCode, row.id))) {
      await recordTickeraDoubleAdmission(deps, row, passes[0]?.date_checked || null);
    } else {
      await finishWriteback(db, row.id, 'failed', 'Tickera recorded it as Fail (outside its check-in window)', owner);
    }
  }

  async function clientFor(eventId: string): Promise<{ client: TickeraClient; apiKey: string } | null> {
    const event = await findTickeraEvent(db, eventId);
    if (!event?.siteUrl || !event.apiKeyEnc) return null;
    try {
      const apiKey = decryptApiKey(event.apiKeyEnc, deps.config.secrets.ENCRYPTION_KEY, event.id);
      return { apiKey, client: createTickeraClient({ siteUrl: event.siteUrl, apiKey, logger, timeoutMs: o.timeoutMs, attempts: 2, backoffMs: 100 }) };
    } catch {
      return null;
    }
  }

  async function send(row: ClaimedRow, client: TickeraClient, apiKey: string): Promise<void> {
    let calledNow = false;
    try {
      if (row.uncertain && row.checkinsBefore !== null) {
        const history = await client.ticketCheckins(row.ticketCode);
        if (history.length > row.checkinsBefore) {
          await finishWriteback(db, row.id, 'done', null, owner);
          return;
        }
      }
      const history = await client.ticketCheckins(row.ticketCode);
      // The lease now covers the whole call (it gives up after timeoutMs), heartbeat or not:
      // nobody takes the row over while this call can still land.
      if (!(await markWritebackSending(db, row.id, owner, history.length, later(o.timeoutMs + 1_000)))) {
        logger.warn({ eventId: row.eventId, outboxId: row.id }, 'tickera write-back claim was lost before sending; left to its new owner');
        return;
      }
      calledNow = true;
      const answer = await client.checkIn(row.ticketCode, row.scannedAt);
      if (answer.kind === 'refused') await finishWriteback(db, row.id, 'failed', `Tickera refused: ${answer.message}`, owner);
      else if (!answer.admitted) await writebackFailed(row, history);
      else await finishWriteback(db, row.id, 'done', null, owner);
    } catch (err) {
      const message = redactKey((err as Error).message, apiKey);
      const attempts = row.attempts + (calledNow ? 1 : 0);
      const uncertain = calledNow || row.uncertain;
      if (attempts >= o.maxAttempts) {
        await finishWriteback(db, row.id, 'failed', `gave up after ${attempts} attempts: ${message}`, owner);
        return;
      }
      const wait = o.retryBaseMs * 2 ** Math.min(attempts, 6) * (0.75 + Math.random() / 2);
      await retryWritebackLater(db, row.id, later(wait), message, uncertain, owner);
      logger.warn({ eventId: row.eventId, outboxId: row.id, uncertain, error: message }, 'tickera write-back will be retried');
    }
  }

  async function deliver(row: ClaimedRow): Promise<void> {
    hold(row.id);
    try {
      if (row.previousOwner && row.previousOwner !== owner) {
        logger.info(
          { eventId: row.eventId, outboxId: row.id, previousOwner: row.previousOwner, uncertain: row.uncertain },
          'tickera write-back taken over from an expired claim',
        );
      }
      const entry = await clientFor(row.eventId);
      if (!entry) await finishWriteback(db, row.id, 'failed', 'the event is no longer connected to Tickera', owner);
      else await send(row, entry.client, entry.apiKey);
    } catch (err) {
      // A database error: the lease runs out and the row comes back.
      logger.error({ err, outboxId: row.id }, 'tickera write-back failed');
    } finally {
      release(row.id);
    }
  }

  const claim = async (limit: number) => {
    const rows = await claimDueWritebacks(db, owner, clock.now(), later(o.leaseMs), limit);
    for (const r of rows) hold(r.id);
    return rows;
  };

  return {
    owner,
    claim,
    deliver,
    async runOnce() {
      const rows = await claim(o.batch);
      let next = 0;
      const lane = async () => {
        while (next < rows.length) await deliver(rows[next++]!);
      };
      await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, lane));
      return rows.length;
    },
    close() {
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = undefined;
    },
  };
}

/** The fallback poll: rows queued by another instance, retries falling due. */
export const WRITEBACK_POLL_MS = 5_000;

/** Re-entries used no allowance and conflicts were over it: Tickera would only record a Fail. */
const writesBack = (a: { reentry?: boolean; conflict?: boolean }) => !a.reentry && !a.conflict;

/**
 * The background service. Accepted check-ins are queued inside the transaction that
 * records them (the check-in engine's onCheckInAccepted hook), so a write-back is never
 * lost between commit and queue. After the commit, the `checkin.accepted` bus topic wakes
 * the pump, but only when the hook really queued something: scans of events without
 * write-back cost the hot path nothing beyond the one guarded INSERT.
 *
 * The pump keeps up to `concurrency` rows in flight and claims a new row the moment a lane
 * is free or a check-in arrives, so a new check-in never waits behind a whole batch. When
 * nothing is due it sleeps until the earliest row falls due (a retry, or a crashed
 * instance's lease running out), at most WRITEBACK_POLL_MS.
 */
export async function tickeraWritebackService(deps: AppDeps, options: Partial<WritebackOptions> = {}): Promise<() => Promise<void>> {
  const worker = createWritebackWorker(deps, options);
  const lanes = Math.max(1, options.concurrency ?? defaultWritebackOptions.concurrency);
  const inFlight = new Set<Promise<void>>();
  let claiming = false;
  let again = false;
  let stopped = false;
  let wake: ReturnType<typeof setTimeout> | undefined;

  const sleepUntilDue = async () => {
    const due = await nextWritebackDue(deps.database.db);
    if (stopped || due === null) return;
    const ms = Math.min(WRITEBACK_POLL_MS, Math.max(50, due.getTime() - deps.clock.now().getTime() + 20));
    if (wake) clearTimeout(wake);
    wake = setTimeout(pump, ms);
    wake.unref?.();
  };

  async function fill(): Promise<void> {
    do {
      again = false;
      const free = lanes - inFlight.size;
      if (free <= 0) return; // a finishing lane pumps again
      const rows = await worker.claim(free);
      for (const row of rows) {
        const p: Promise<void> = worker.deliver(row).finally(() => {
          inFlight.delete(p);
          pump();
        });
        inFlight.add(p);
      }
      if (rows.length === free) again = true;
      else if (rows.length === 0 && !again && inFlight.size === 0) await sleepUntilDue();
    } while (again && !stopped);
  }

  function pump(): void {
    if (stopped) return;
    if (claiming) {
      again = true;
      return;
    }
    claiming = true;
    fill()
      .catch((err) => deps.logger.error({ err }, 'tickera write-back failed'))
      .finally(() => {
        claiming = false;
      });
  }

  let queuedSinceWake = false;
  const removeHook = onCheckInAccepted(deps, async (tx, accepted) => {
    for (const a of accepted.filter(writesBack)) {
      if (await enqueueTickeraWriteback(tx, a)) queuedSinceWake = true;
    }
  });
  // Published after the commit; a rolled-back queueing only costs one needless claim.
  const unsubscribe = deps.bus.subscribe(CHECKIN_ACCEPTED_TOPIC, () => {
    if (!queuedSinceWake) return;
    queuedSinceWake = false;
    pump();
  });
  const timer = setInterval(pump, WRITEBACK_POLL_MS);
  timer.unref();
  pump();
  return async () => {
    stopped = true;
    removeHook();
    unsubscribe();
    clearInterval(timer);
    if (wake) clearTimeout(wake);
    await Promise.allSettled([...inFlight]);
    worker.close();
  };
}
