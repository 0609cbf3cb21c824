import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTickeraSim, type TickeraSim } from '../../tickera-sim/server.ts';
import type { AppDeps } from '../app-env.ts';
import { fakeClock } from '../clock.ts';
import { makeTestDeps } from '../test/app.ts';
import { useTestDatabase } from '../test/db.ts';
import { CHECKIN_ACCEPTED_TOPIC, runAcceptedHooks } from '../checkin/events.ts';
import { connectedEvent } from './test-kit.ts';
import { createWritebackWorker, enqueueTickeraWriteback, tickeraWritebackService } from './writeback.ts';
import { until } from '../test/until.ts';

type Outbox = { status: string; uncertain: boolean; attempts: number; last_error: string | null };

describe('Tickera write-back from the outbox', () => {
  const t = useTestDatabase('postgres');
  // Outbox rows are stamped by the database's clock, so the fake one starts at the real time.
  const clock = fakeClock(new Date());
  let sim: TickeraSim;
  let deps: AppDeps;
  let eventId: string;
  const worker = () => createWritebackWorker(deps, { timeoutMs: 300, retryBaseMs: 1_000 });
  const outbox = async (scanId: string) =>
    (await t().database.query<Outbox>(sql`select status, uncertain, attempts, last_error from tickera_outbox where scan_id = ${scanId}`))[0];
  const single = () => sim.tickets.find((x) => x.type.allowed === 1 && x.checkins.length === 0)!;
  const enqueue = async (code: string, scannedAt = clock.now()) => {
    const scanId = randomUUID();
    expect(await enqueueTickeraWriteback(t().database.db, { eventId, scanId, ticketCode: code, scannedAt })).toBe(true);
    return scanId;
  };

  beforeAll(async () => {
    sim = await startTickeraSim({ tickets: 40 });
    deps = makeTestDeps(t().database, { clock });
    eventId = await connectedEvent(deps, sim, { writeback: true });
    clock.set(new Date(Date.now() + 60_000));
  });
  afterAll(() => sim.close());

  it('sends an accepted check-in with its scan time, once', async () => {
    const ticket = single();
    const scannedAt = new Date('2026-07-10T17:58:12Z');
    const scanId = await enqueue(ticket.code, scannedAt);
    expect(await worker().runOnce()).toBe(1);
    expect(await outbox(scanId)).toMatchObject({ status: 'done', uncertain: false, attempts: 1 });
    expect(ticket.checkins).toEqual([{ at: new Date('2026-07-10T17:58:12Z'), status: 'Pass' }]);
    expect(await worker().runOnce()).toBe(0);
  });

  it('a timed-out call that had in fact landed is not sent again', async () => {
    const ticket = single();
    const scanId = await enqueue(ticket.code);
    sim.fail({ endpoint: 'check_in', kind: 'timeout_after_recording', times: 1 });
    await worker().runOnce();
    expect(await outbox(scanId)).toMatchObject({ status: 'pending', uncertain: true, attempts: 1 });
    expect(ticket.checkins).toHaveLength(1);
    clock.advance(10 * 60_000);
    const callsBefore = sim.calls.filter((c) => c.endpoint === 'check_in' && c.code === ticket.code).length;
    expect(await worker().runOnce()).toBe(1);
    expect(await outbox(scanId)).toMatchObject({ status: 'done', uncertain: false });
    expect(sim.calls.filter((c) => c.endpoint === 'check_in' && c.code === ticket.code).length).toBe(callsBefore);
    expect(ticket.checkins.map((c) => c.status)).toEqual(['Pass']);
  });

  it('a timed-out call that never landed is sent again after checking', async () => {
    const ticket = single();
    const scanId = await enqueue(ticket.code);
    sim.fail({ endpoint: 'check_in', kind: 'timeout', times: 1 });
    await worker().runOnce();
    expect(await outbox(scanId)).toMatchObject({ status: 'pending', uncertain: true });
    clock.advance(10 * 60_000);
    await worker().runOnce();
    expect(await outbox(scanId)).toMatchObject({ status: 'done', attempts: 2 });
    expect(ticket.checkins.map((c) => c.status)).toEqual(['Pass']);
  });

  it('a refusal is a visible failure, never retried', async () => {
    const scanId = await enqueue('NOT-A-TICKET');
    await worker().runOnce();
    expect(await outbox(scanId)).toMatchObject({ status: 'failed', last_error: 'Tickera refused: Ticket does not exist' });
  });

  it('the service queues accepted check-ins inside the recording transaction, only for write-back events', async () => {
    const other = await connectedEvent(deps, sim, { writeback: false });
    const stop = await tickeraWritebackService(deps);
    try {
      const ticket = single();
      const accepted = (eventId: string, extra = {}) => ({
        eventId,
        scanId: randomUUID(),
        ticketCode: ticket.code,
        scannedAt: clock.now(),
        attendeeId: 1,
        reentry: false,
        conflict: false,
        ...extra,
      });
      const mine = accepted(eventId);
      const ignored = [accepted(other), accepted(eventId, { reentry: true })];
      await t().database.db.transaction((tx) => runAcceptedHooks(deps, tx, [mine, ...ignored]));
      deps.bus.publish(CHECKIN_ACCEPTED_TOPIC, mine);
      await until(
        () => outbox(mine.scanId),
        (row) => row?.status === 'done',
      );
      for (const a of ignored) expect(await outbox(a.scanId)).toBeUndefined();
      // A rolled-back check-in queues nothing.
      const rolledBack = accepted(eventId);
      await t()
        .database.db.transaction(async (tx) => {
          await runAcceptedHooks(deps, tx, [rolledBack]);
          tx.rollback();
        })
        .catch(() => undefined);
      expect(await outbox(rolledBack.scanId)).toBeUndefined();
    } finally {
      await stop();
    }
  });

  it('a crashed instance’s claims come back when their short lease runs out, and the uncertain one is not resent', async () => {
    const [landed, notSent] = sim.tickets.filter((x) => x.type.allowed === 1 && x.checkins.length === 0);
    if (!landed || !notSent) throw new Error('the simulator needs two unused single-entry tickets');
    const a = createWritebackWorker(deps, { owner: 'instance-a', leaseMs: 10_000 });
    const b = createWritebackWorker(deps, { owner: 'instance-b', leaseMs: 10_000 });
    const landedScan = await enqueue(landed.code);
    const notSentScan = await enqueue(notSent.code);
    const claimed = await a.claim(10);
    expect(claimed.map((r) => r.ticketCode)).toEqual([landed.code, notSent.code]);
    // Instance A called check_in for the first row (it landed) and died before hearing back.
    await t().database.query(sql`update tickera_outbox set uncertain = true, checkins_before = 0, attempts = 1 where scan_id = ${landedScan}`);
    sim.tickets.find((x) => x.code === landed.code)!.checkins.push({ at: clock.now(), status: 'Pass' });
    a.close();
    expect(await b.claim(10)).toEqual([]);
    clock.advance(10_001);
    const taken = await b.claim(10);
    expect(taken.map((r) => [r.ticketCode, r.previousOwner])).toEqual([
      [landed.code, 'instance-a'],
      [notSent.code, 'instance-a'],
    ]);
    const calls = () => sim.calls.filter((c) => c.endpoint === 'check_in' && (c.code === landed.code || c.code === notSent.code)).map((c) => c.code);
    for (const row of taken) await b.deliver(row);
    b.close();
    expect(await outbox(landedScan)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await outbox(notSentScan)).toMatchObject({ status: 'done', attempts: 1 });
    expect(calls()).toEqual([notSent.code]);
    expect(landed.checkins.map((c) => c.status)).toEqual(['Pass']);
  });

  it('an instance whose claim was taken over does not call Tickera for it', async () => {
    const ticket = single();
    const scanId = await enqueue(ticket.code);
    const a = createWritebackWorker(deps, { owner: 'stalled-a', leaseMs: 1_000 });
    const b = createWritebackWorker(deps, { owner: 'fresh-b', leaseMs: 1_000 });
    const [row] = await a.claim(10);
    clock.advance(1_001);
    const taken = await b.claim(10);
    expect(taken.map((r) => r.scanId)).toEqual([scanId]);
    await a.deliver(row!);
    expect(sim.calls.filter((c) => c.endpoint === 'check_in' && c.code === ticket.code)).toEqual([]);
    expect(await outbox(scanId)).toMatchObject({ status: 'pending', attempts: 0 });
    await b.deliver(taken[0]!);
    expect(await outbox(scanId)).toMatchObject({ status: 'done', attempts: 1 });
    expect(ticket.checkins.map((c) => c.status)).toEqual(['Pass']);
    a.close();
    b.close();
  });

  it('one ticket’s write-backs go out one at a time, oldest first', async () => {
    const ticket = sim.tickets.find((x) => x.type.allowed === null)!;
    const first = await enqueue(ticket.code);
    const second = await enqueue(ticket.code);
    clock.advance(60_000);
    const w = createWritebackWorker(deps, { owner: 'serial' });
    const claimed = await w.claim(10);
    expect(claimed.map((r) => r.scanId)).toEqual([first]);
    expect(await w.claim(10)).toEqual([]);
    await w.deliver(claimed[0]!);
    expect(await w.runOnce()).toBe(1);
    w.close();
    expect(await outbox(first)).toMatchObject({ status: 'done' });
    expect(await outbox(second)).toMatchObject({ status: 'done' });
  });
});
