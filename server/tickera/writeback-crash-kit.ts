// kill -9 during write-back, for the test and the bench: a real server process drains a
// queue of write-backs against the simulator, is SIGKILLed while check_in calls are in
// flight, and a second process is started on the same database. Everything waits on
// events (a call reaching the simulator, a log line, the queue empty); the times are
// only measured, never waited for.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { startTickeraSim, type SimCall } from '../../tickera-sim/server.ts';
import type { Database } from '../db/client.ts';
import { enqueueTickeraWriteback } from '../db/repos/tickera-outbox.ts';
import { makeTestDeps, testSecrets } from '../test/app.ts';
import { freePort } from '../test/free-port.ts';
import { ServerProcess } from '../test/server-process.ts';
import { until } from '../test/until.ts';
import { connectedEvent } from './test-kit.ts';

export interface CrashRun {
  rows: number;
  /** Write-backs Tickera had answered or was handling when the first process died. */
  checkInsBeforeKill: number;
  /** Rows the dead process held a claim on at the kill (their lease had to run out). */
  heldAtKill: number;
  /** Of those, rows whose check_in call had started (uncertain: re-read before any resend). */
  uncertainAtKill: number;
  /** The second process spawned → it listens (node + tsx start-up, migrations check). */
  listeningAfterRestartMs: number;
  /** kill → the second process's first call to Tickera. */
  resumeAfterKillMs: number;
  /** The second process spawned → its first call to Tickera. */
  resumeAfterRestartMs: number;
  /** The second process spawned → its first Tickera call for a row the dead one held. */
  takeoverStartAfterRestartMs: number;
  /** The second process spawned → every row the dead one held is done. */
  takeoverAfterRestartMs: number;
  /** The second process spawned → the whole queue is done. */
  drainedAfterRestartMs: number;
  /** Tickets with more than one check-in record at Tickera (must be 0). */
  doubles: number;
  /** Tickets of the queue with no Pass at Tickera (must be 0). */
  missing: number;
  /** Rows not done (must be 0). */
  notDone: number;
  /** check_in calls that reached Tickera in all. */
  checkInCalls: number;
  /** Takeover log lines of the second process. */
  takeovers: number;
}

type Row = { id: number; status: string; claimed_by: string | null; uncertain: boolean; ticket_code: string };

export async function runWritebackCrash(
  database: Database,
  databaseUrl: string,
  options: { rows?: number; checkInLatencyMs?: number; killAfterCheckIns?: number } = {},
): Promise<CrashRun> {
  const n = options.rows ?? 40;
  const sim = await startTickeraSim({ tickets: n + 20, checkInLatencyMs: options.checkInLatencyMs ?? 300 });
  const children: ServerProcess[] = [];
  try {
    const deps = makeTestDeps(database);
    const eventId = await connectedEvent(deps, sim, { writeback: true });
    const tickets = sim.tickets.slice(0, n);
    for (const t of tickets) {
      await enqueueTickeraWriteback(database.db, { eventId, scanId: randomUUID(), ticketCode: t.code, scannedAt: new Date() });
    }
    const outbox = () => database.query<Row>(sql`select id, status, claimed_by, uncertain, ticket_code from tickera_outbox where event_id = ${eventId}`);
    const spawn = async () => {
      const child = ServerProcess.spawn({
        ...testSecrets,
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        FASTCHECK_DATA_DIR: mkdtempSync(join(tmpdir(), 'fc-wb-crash-')),
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        TICKERA_SCHEDULER: 'off',
        TICKERA_ALLOW_PRIVATE: 'true',
      });
      children.push(child);
      return child;
    };

    // Killed the moment its k-th check_in reaches Tickera: that call (and up to three more) is in flight.
    const killAfter = options.killAfterCheckIns ?? Math.ceil(n / 4);
    let seen = 0;
    const kthCheckIn = sim.nextCall((c) => c.endpoint === 'check_in' && ++seen >= killAfter);
    const first = await spawn();
    await kthCheckIn;
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    await first.exited;
    const checkInsBeforeKill = sim.calls.filter((c) => c.endpoint === 'check_in').length;
    const atKill = (await outbox()).filter((r) => r.status === 'pending' && r.claimed_by !== null);
    const held = new Set(atKill.map((r) => Number(r.id)));

    const firstCall: Promise<SimCall> = sim.nextCall();
    const second = await spawn();
    const restartedAt = Date.now();
    let listeningAt = 0;
    void second.listening().then(() => {
      listeningAt = Date.now();
    });
    await firstCall;
    const resumedAt = Date.now();
    let takeoverAt = 0;
    await until(outbox, (rows) => {
      if (!takeoverAt && rows.every((r) => !held.has(Number(r.id)) || r.status !== 'pending')) takeoverAt = Date.now();
      return rows.every((r) => r.status !== 'pending');
    });
    const drainedAt = Date.now();
    if (!takeoverAt) takeoverAt = drainedAt;
    await second.listening();

    const rows = await outbox();
    return {
      rows: n,
      checkInsBeforeKill,
      heldAtKill: held.size,
      uncertainAtKill: atKill.filter((r) => r.uncertain).length,
      listeningAfterRestartMs: Math.round(listeningAt - restartedAt),
      resumeAfterKillMs: Math.round(resumedAt - killedAt),
      resumeAfterRestartMs: Math.round(resumedAt - restartedAt),
      takeoverStartAfterRestartMs: (() => {
        const codes = new Set(atKill.map((r) => r.ticket_code));
        const call = sim.calls.find((c) => c.at.getTime() >= restartedAt && c.code !== undefined && codes.has(c.code));
        return call ? call.at.getTime() - restartedAt : -1;
      })(),
      takeoverAfterRestartMs: Math.round(takeoverAt - restartedAt),
      drainedAfterRestartMs: Math.round(drainedAt - restartedAt),
      doubles: tickets.filter((t) => t.checkins.length > 1).length,
      missing: tickets.filter((t) => !t.checkins.some((c) => c.status === 'Pass')).length,
      notDone: rows.filter((r) => r.status !== 'done').length,
      checkInCalls: sim.calls.filter((c) => c.endpoint === 'check_in').length,
      takeovers: second.log.split('\n').filter((l) => l.includes('taken over from an expired claim')).length,
    };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await sim.close();
  }
}
