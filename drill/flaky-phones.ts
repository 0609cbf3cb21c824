// Drill: 50 phones scan for N minutes over a network that drops at random. Each phone scans
// about once a second (random tickets, so repeats and conflicts happen as at a real door):
// online first, and into its outbox under the same scan id when the call fails; now and then
// it is offline for a few seconds and scans straight into the outbox. Requests are lost on
// the way out, or their answer is lost after the server did the work; uploads retry until
// answered. Figure: every scan in the audit log exactly once (0 lost, 0 doubled).
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../server/app.ts';
import { mobileLogin } from '../server/auth/phone-login.ts';
import { seedEvent } from '../server/checkin/test-fixtures.ts';
import { makeTestDeps, testConfig } from '../server/test/app.ts';
import { createTestDatabase } from '../server/test/scratch-db.ts';
import { addStatuses, auditFigures, auditLine, flakyNet, SimPhone, secs, sleep, type AuditFigures } from './kit.ts';

export interface FlakyPhonesOptions {
  phones: number;
  minutes: number;
  /** Share of calls lost before / answers lost after the server (default 0.1 each). */
  dropBefore?: number;
  dropAfter?: number;
}

export interface FlakyPhonesFigures {
  phones: number;
  minutes: number;
  audit: AuditFigures;
  drops: { before: number; after: number };
  callsByStatus: Record<string, number>;
  onlineAnswered: number;
  offlinePeriods: number;
  /** From the end of scanning to every outbox empty. */
  drainMs: number;
}

export async function flakyPhonesDrill(options: FlakyPhonesOptions): Promise<FlakyPhonesFigures> {
  const scratch = await createTestDatabase('postgres', { max: 10 });
  const deps = makeTestDeps(scratch.database, { config: testConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_SCAN: '100000', RATE_LIMIT_SYNC: '100000' }) });
  const app = createApp(deps);
  const expected = Math.ceil(options.phones * options.minutes * 60);
  const seed = await seedEvent(scratch.database, { attendees: Math.max(500, Math.ceil(expected * 0.8)) });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const flakiness = { dropBefore: options.dropBefore ?? 0.1, dropAfter: options.dropAfter ?? 0.1 };
  const nets = Array.from({ length: options.phones }, () => flakyNet(() => port, flakiness));
  const phones: SimPhone[] = [];
  for (let i = 0; i < options.phones; i++) {
    const { token } = await mobileLogin(deps, { event_id: seed.eventId, credential: seed.door, device_name: `Flaky phone ${i}` });
    phones.push(new SimPhone(nets[i], token, 50));
  }

  const endsAt = performance.now() + options.minutes * 60_000;
  const scanning = () => performance.now() < endsAt;
  let offlinePeriods = 0;
  const runPhone = async (phone: SimPhone) => {
    let offlineUntil = 0;
    const uploader = (async () => {
      while (scanning()) {
        if (performance.now() >= offlineUntil && phone.outbox.size > 0) {
          if (!(await phone.uploadOnce())) await sleep(200 + Math.random() * 300);
        } else await sleep(500);
      }
    })();
    while (scanning()) {
      const code = seed.codes[Math.floor(Math.random() * seed.codes.length)];
      if (performance.now() < offlineUntil) phone.scanOffline(code);
      else await phone.scanOnline(code);
      if (Math.random() < 0.02) {
        offlinePeriods++;
        offlineUntil = performance.now() + 1000 + Math.random() * 4000;
      }
      await sleep(500 + Math.random() * 1000);
    }
    await uploader;
  };
  await Promise.all(phones.map(runPhone));
  const drainStarted = performance.now();
  await Promise.all(phones.map((p) => p.drain()));
  const drainMs = performance.now() - drainStarted;

  const audit = await auditFigures(
    scratch.database,
    seed.eventId,
    phones.flatMap((p) => p.scanIds),
  );
  const callsByStatus: Record<string, number> = {};
  for (const p of phones) addStatuses(callsByStatus, p.counters.byStatus);
  const drops = nets.reduce((d, n) => ({ before: d.before + n.drops.before, after: d.after + n.drops.after }), { before: 0, after: 0 });
  server.close();
  await scratch.drop();
  return {
    phones: options.phones,
    minutes: options.minutes,
    audit,
    drops,
    callsByStatus,
    onlineAnswered: phones.reduce((n, p) => n + p.counters.onlineAnswered, 0),
    offlinePeriods,
    drainMs,
  };
}

export function flakyPhonesLines(f: FlakyPhonesFigures): string[] {
  return [
    `flaky phones: ${f.phones} phones for ${f.minutes} min; ${f.drops.before} calls lost going out, ${f.drops.after} answers lost coming back; ${f.offlinePeriods} offline periods`,
    `  calls by answer: ${JSON.stringify(f.callsByStatus)}; answered online ${f.onlineAnswered}; outboxes empty ${secs(f.drainMs)} after scanning stopped`,
    `  ${auditLine(f.audit)}`,
  ];
}
