// Drill: kill -9 of the server while phones upload. Simulated phones (real HTTP, the upload
// route real phones use, the same scan ids on every retry) hold outboxes of offline scans and
// upload them in batches, retrying with backoff; the server process (server/main.ts on real
// Postgres) is killed with SIGKILL in the middle and started again. Figures: scans lost
// (taken but not in the audit log) and doubled (in it more than once): both must be 0.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mobileLogin } from '../server/auth/phone-login.ts';
import { seedEvent } from '../server/checkin/test-fixtures.ts';
import { makeTestDeps, testSecrets } from '../server/test/app.ts';
import { freePort } from '../server/test/free-port.ts';
import { createTestDatabase } from '../server/test/scratch-db.ts';
import { ServerProcess } from '../server/test/server-process.ts';
import { addStatuses, auditFigures, auditLine, httpNet, SimPhone, secs, sleep, type AuditFigures } from './kit.ts';

export interface KillNineOptions {
  phones: number;
  scansPerPhone: number;
  kills: number;
}

export interface KillNineFigures {
  audit: AuditFigures;
  kills: number;
  /** Scans answered when each kill came. */
  answeredAtKill: number[];
  /** Upload calls in flight when each kill came. */
  inFlightAtKill: number[];
  /** From SIGKILL to the new process listening. */
  restartMs: number[];
  callsByStatus: Record<string, number>;
}

export async function killNineDrill(options: KillNineOptions): Promise<KillNineFigures> {
  const scratch = await createTestDatabase('postgres', { max: 2 });
  const total = options.phones * options.scansPerPhone;
  const seed = await seedEvent(scratch.database, { attendees: total + 10 });
  const deps = makeTestDeps(scratch.database);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'fc-drill-kill9-'));
  const start = async () => {
    const server = ServerProcess.spawn({
      ...testSecrets,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: scratch.url!,
      FASTCHECK_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      TICKERA_SCHEDULER: 'off',
      RATE_LIMIT_SCAN: '100000',
      RATE_LIMIT_SYNC: '100000',
      PUBLIC_URL: 'https://fastcheck.example.org',
    });
    await server.listening();
    return server;
  };
  let server = await start();
  const phones: SimPhone[] = [];
  let code = 0;
  for (let i = 0; i < options.phones; i++) {
    const { token } = await mobileLogin(deps, { event_id: seed.eventId, credential: seed.door, device_name: `Drill phone ${i}` });
    const phone = new SimPhone(
      httpNet(() => port),
      token,
      25,
    );
    for (let s = 0; s < options.scansPerPhone; s++) phone.scanOffline(seed.codes[code++]);
    phones.push(phone);
  }
  const answered = () => phones.reduce((n, p) => n + p.counters.uploadsAnswered + p.counters.itemErrors, 0);
  const drains = Promise.all(phones.map((p) => p.drain()));

  const answeredAtKill: number[] = [];
  const restartMs: number[] = [];
  const inFlightAtKill: number[] = [];
  for (let k = 0; k < options.kills; k++) {
    // Each kill lands while uploads are in flight: after a share of the scans was answered.
    const mark = Math.floor((total * (k + 1)) / (options.kills + 2));
    while (answered() < mark) await sleep(5);
    answeredAtKill.push(answered());
    inFlightAtKill.push(phones.reduce((n, p) => n + p.uploadsInFlight, 0));
    const killedAt = performance.now();
    server.child.kill('SIGKILL');
    await server.exited;
    server = await start();
    restartMs.push(performance.now() - killedAt);
  }
  await drains;
  await server.stop();
  const audit = await auditFigures(
    scratch.database,
    seed.eventId,
    phones.flatMap((p) => p.scanIds),
  );
  const callsByStatus: Record<string, number> = {};
  for (const p of phones) addStatuses(callsByStatus, p.counters.byStatus);
  await scratch.drop();
  return { audit, kills: options.kills, answeredAtKill, inFlightAtKill, restartMs, callsByStatus };
}

export function killNineLines(f: KillNineFigures): string[] {
  return [
    `kill -9 during uploads: ${f.kills} kill(s), at ${f.answeredAtKill.join(', ')} scans answered with ${f.inFlightAtKill.join(', ')} uploads in flight; back listening after ${f.restartMs.map(secs).join(', ')}`,
    `  upload calls by answer: ${JSON.stringify(f.callsByStatus)}`,
    `  ${auditLine(f.audit)}`,
  ];
}
