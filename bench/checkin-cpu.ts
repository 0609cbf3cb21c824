// CPU accounting for the check-in bench, so figures survive a busy shared machine: the
// server thread's busy time (event-loop utilisation), the load worker's (it reports its own), the Postgres
// backends' (from /proc, by pid), GC pauses and event-loop delay, all per check-in.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance, PerformanceObserver, type EventLoopUtilization } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import type { Database } from '../server/db/client.ts';

const TICK_MS = 10; // USER_HZ = 100 on Linux

function procCpuMs(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(f[11]) + Number(f[12])) * TICK_MS; // utime + stime
    } catch {
      // a backend that went away
    }
  }
  return total;
}

export interface CpuSample {
  serverMs: number;
  workerMs: number;
  postgresMs: number;
  gcMs: number;
  gcCount: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  machineBusyPct: number;
  /** Checkpoints Postgres made in the window (each CREATE DATABASE on the cluster forces one). */
  checkpoints: number;
}

function machineJiffies(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3] + f[4];
  const total = f.reduce((s, x) => s + x, 0);
  return { busy: total - idle, total };
}

/** Starts measuring; the returned function stops and gives the totals over the window. */
export async function startCpuSample(database: Database): Promise<(workerBusyMs: number) => Promise<CpuSample>> {
  const backends = await database.query<{ pid: number }>(
    sql`select pid from pg_stat_activity where datname = current_database() and application_name = 'fastcheck'`,
  );
  const pgPids = backends.map((r) => Number(r.pid));
  const checkpoints = async () =>
    Number((await database.query<{ n: number }>(sql`select checkpoints_timed + checkpoints_req as n from pg_stat_bgwriter`))[0]?.n ?? 0);
  const cp0 = await checkpoints();
  const pg0 = procCpuMs(pgPids);
  const m0 = machineJiffies();
  const elu0: EventLoopUtilization = performance.eventLoopUtilization();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let gcMs = 0;
  let gcCount = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      gcCount++;
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  return async (workerBusyMs: number) => {
    const elu = performance.eventLoopUtilization(elu0);
    delay.disable();
    obs.disconnect();
    const m1 = machineJiffies();
    return {
      serverMs: elu.active,
      workerMs: workerBusyMs,
      postgresMs: procCpuMs(pgPids) - pg0,
      gcMs,
      gcCount,
      loopDelayP99Ms: delay.percentile(99) / 1e6,
      loopDelayMaxMs: delay.max / 1e6,
      checkpoints: (await checkpoints()) - cp0,
      machineBusyPct: (100 * (m1.busy - m0.busy)) / Math.max(1, m1.total - m0.total),
    };
  };
}
