// Drill: the server's memory with a steady crowd. One real server process (server/main.ts on
// real Postgres); 50 phones scan online at a steady rate (about one scan a second each) and
// now and then take a few scans offline and upload them; 10 console dashboards hold SSE
// stats streams open the whole time. Figures: the server's RSS (from /proc) at the start,
// at each minute (every 10 s for runs under a minute) and at the end, and its heap after a
// full GC at the same points (a preload, drill/memory-probe.mjs, answers SIGUSR2).
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mobileLogin } from '../server/auth/phone-login.ts';
import { seedEvent } from '../server/checkin/test-fixtures.ts';
import { makeUser, TEST_PASSWORD } from '../server/organiser/console-test-kit.ts';
import { readStats } from '../server/stats/sse-reader.ts';
import { makeTestDeps, testSecrets } from '../server/test/app.ts';
import { freePort } from '../server/test/free-port.ts';
import { createTestDatabase } from '../server/test/scratch-db.ts';
import { ServerProcess } from '../server/test/server-process.ts';
import { addStatuses, httpNet, mb, SimPhone, secs, sleep } from './kit.ts';

export interface MemoryOptions {
  phones: number;
  dashboards: number;
  minutes: number;
}

export interface MemorySample {
  /** Since the server listened. */
  atMs: number;
  label: string;
  rss: number;
  /** Heap in use after a full GC in the server process (null when the probe did not answer with gc). */
  heapAfterGc: number | null;
}

export interface MemoryFigures {
  phones: number;
  dashboards: number;
  minutes: number;
  samples: MemorySample[];
  scans: number;
  uploads: number;
  callsByStatus: Record<string, number>;
  /** Stats messages the dashboards received, in all. */
  statsMessages: number;
  /** Dashboards whose stream was still open at the end. */
  dashboardsOpen: number;
}

const PROBE = fileURLToPath(new URL('./memory-probe.mjs', import.meta.url));

/** Resident set size of a process, from /proc (Linux). */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return line ? Number(line.replace(/\D+/g, '')) * 1024 : Number.NaN;
}

export async function memoryDrill(options: MemoryOptions): Promise<MemoryFigures> {
  const scratch = await createTestDatabase('postgres', { max: 2 });
  const expectedScans = Math.ceil(options.phones * options.minutes * 60 * 1.2);
  const seed = await seedEvent(scratch.database, { attendees: Math.max(2000, expectedScans) });
  const admin = await makeUser(scratch.database, 'admin');
  const deps = makeTestDeps(scratch.database);
  const port = await freePort();
  const server = ServerProcess.spawn({
    ...testSecrets,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: scratch.url!,
    FASTCHECK_DATA_DIR: mkdtempSync(join(tmpdir(), 'fc-drill-memory-')),
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    TICKERA_SCHEDULER: 'off',
    RATE_LIMIT_SCAN: '100000',
    RATE_LIMIT_SYNC: '100000',
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc --import ${PROBE}`.trim(),
  });
  const stopAll: (() => Promise<unknown>)[] = [];
  try {
    await server.listening();
    const pid = server.child.pid!;
    let asks = 0;
    const heapAfterGc = async (): Promise<number | null> => {
      const n = ++asks;
      server.child.kill('SIGUSR2');
      const line = await server.waitForLine(new RegExp(`"drill_memory":\\{"n":${n},`));
      const m = (JSON.parse(line) as { drill_memory: { heapUsed: number; gc: boolean } }).drill_memory;
      return m.gc ? m.heapUsed : null;
    };
    const samples: MemorySample[] = [];
    const t0 = performance.now();
    const sample = async (label: string) => {
      const heap = await heapAfterGc();
      samples.push({ atMs: performance.now() - t0, label, rss: rssOf(pid), heapAfterGc: heap });
    };
    await sample('listening, idle');

    // 10 dashboards: one console session, a stats stream each, read to the end.
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: TEST_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`console login: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    let statsMessages = 0;
    let dashboardsOpen = 0;
    let scanningDone = false;
    const dashboards = await Promise.all(
      Array.from({ length: options.dashboards }, async () => {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/events/${seed.eventId}/stream`, { headers: { cookie } });
        if (res.status !== 200) throw new Error(`stats stream: ${res.status}`);
        const reader = readStats(res.body!);
        stopAll.push(() => reader.close());
        const reading = (async () => {
          try {
            for (;;) {
              await reader.next();
              statsMessages++;
            }
          } catch {
            // The stream ended: when the drill closes it, or the server did.
            if (scanningDone) dashboardsOpen++;
          }
        })();
        return { reader, reading };
      }),
    );

    // 50 phones: signed in through the use case (the route's per-IP throttle would stop 50
    // sign-ins from one address), one keep-alive connection each.
    const phones: SimPhone[] = [];
    for (let i = 0; i < options.phones; i++) {
      const { token } = await mobileLogin(deps, { event_id: seed.eventId, credential: seed.door, device_name: `Memory phone ${i}` });
      const net = httpNet(() => port);
      stopAll.push(async () => net.agent.destroy());
      phones.push(new SimPhone(net, token, 50));
    }
    await sample('crowd connected');
    const crowdAt = performance.now();

    let next = 0;
    const endsAt = crowdAt + options.minutes * 60_000;
    const scanning = () => performance.now() < endsAt;
    let uploads = 0;
    const runPhone = async (phone: SimPhone) => {
      await sleep(Math.random() * 1000);
      let nextUpload = performance.now() + 5000 + Math.random() * 10_000;
      while (scanning()) {
        await phone.scanOnline(seed.codes[next++ % seed.codes.length]);
        if (performance.now() >= nextUpload) {
          // A short offline spell: a few scans into the outbox, then one upload.
          for (let k = 0; k < 3; k++) phone.scanOffline(seed.codes[next++ % seed.codes.length]);
          await phone.drain();
          uploads++;
          nextUpload = performance.now() + 10_000 + Math.random() * 10_000;
        }
        await sleep(800 + Math.random() * 400);
      }
      await phone.drain();
    };
    const every = options.minutes < 1 ? 10_000 : 60_000;
    const sampling = (async () => {
      for (let k = 1; performance.now() + every <= endsAt + 500; k++) {
        await sleep(crowdAt + k * every - performance.now());
        await sample(every === 60_000 ? `minute ${k}` : `${(k * every) / 1000} s`);
      }
    })();
    await Promise.all([...phones.map(runPhone), sampling]);
    scanningDone = true;
    await sample('end (crowd still connected)');
    await Promise.all(dashboards.map((d) => d.reader.close()));
    await Promise.all(dashboards.map((d) => d.reading));
    const callsByStatus: Record<string, number> = {};
    for (const p of phones) addStatuses(callsByStatus, p.counters.byStatus);
    for (const stop of stopAll) await stop();
    await sleep(500);
    await sample('crowd gone');
    return {
      phones: options.phones,
      dashboards: options.dashboards,
      minutes: options.minutes,
      samples,
      scans: phones.reduce((n, p) => n + p.counters.scans, 0),
      uploads,
      callsByStatus,
      statsMessages,
      dashboardsOpen,
    };
  } finally {
    for (const stop of stopAll) await stop().catch(() => {});
    await server.stop();
    await scratch.drop();
  }
}

export function memoryLines(f: MemoryFigures): string[] {
  return [
    `memory: ${f.phones} phones and ${f.dashboards} dashboards for ${f.minutes} min; ${f.scans} scans (${f.uploads} uploads); calls by answer ${JSON.stringify(f.callsByStatus)}`,
    `  dashboards: ${f.statsMessages} stats messages received; ${f.dashboardsOpen} of ${f.dashboards} streams still open at the end`,
    ...f.samples.map(
      (s) =>
        `  ${s.label.padEnd(28)} at ${secs(s.atMs).padStart(9)}: server RSS ${mb(s.rss).padStart(9)}, heap after GC ${s.heapAfterGc === null ? 'n/a' : mb(s.heapAfterGc)}`,
    ),
  ];
}
