// Drill: two server processes behind a real pgBouncer (transaction pooling; DATABASE_URL goes
// through pgBouncer, DATABASE_DIRECT_URL straight to Postgres for LISTEN). Phones scan online
// against both at once from one shared pool of tickets, and some tickets are scanned at both
// instances in the same instant. Figures: no ticket admitted more than its allowance across
// both, every scan id in the audit log exactly once, each raced ticket admitted by exactly one
// instance; after the load the live numbers (GET stats and an SSE stream on each instance) are
// the same on both and equal to a count made straight from the tables.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { seedEvent } from '../server/checkin/test-fixtures.ts';
import type { Database } from '../server/db/client.ts';
import { makeUser, TEST_PASSWORD } from '../server/organiser/console-test-kit.ts';
import { readStats, type StatsReader } from '../server/stats/sse-reader.ts';
import { testSecrets } from '../server/test/app.ts';
import { freePort } from '../server/test/free-port.ts';
import { startPgBouncer } from '../server/test/pgbouncer.ts';
import { createTestDatabase } from '../server/test/scratch-db.ts';
import { ServerProcess } from '../server/test/server-process.ts';
import type { EventStats } from '../shared/protocol/stats.ts';
import { addStatuses, auditFigures, auditLine, httpNet, SimPhone, secs, sleep, type AuditFigures } from './kit.ts';

export interface TwoInstancesOptions {
  /** Phones per instance. */
  phonesPerInstance: number;
  scansPerPhone: number;
  /** Tickets scanned at both instances in the same instant. */
  races: number;
  attendees: number;
}

/** The numbers compared across instances and with the tables. */
export interface LiveNumbers {
  total: number;
  admitted: number;
  inside: number;
  scans: number;
}

export interface TwoInstancesFigures {
  audit: AuditFigures;
  /** Tickets with more accepted online scans than their allowance (across both instances). */
  ticketsOverAllowance: number;
  acceptedOnline: number;
  /** Raced tickets (allowance 1, not scanned before): how many instances accepted each. */
  races: { tickets: number; acceptedOnce: number; acceptedTwice: number; acceptedNever: number };
  callsByStatus: Record<string, number>;
  scansByInstance: [number, number];
  loadMs: number;
  database: LiveNumbers;
  getStats: [LiveNumbers, LiveNumbers];
  /** The whole GET stats answers (generated_at left out) are equal on both instances. */
  getStatsEqual: boolean;
  sseStats: [LiveNumbers, LiveNumbers];
  /** From the end of the load to both SSE streams showing the database's numbers. */
  sseSettledMs: number;
  /** pgBouncer opened server connections (the queries really went through it). */
  bouncerServerConnections: number;
}

const live = (s: EventStats): LiveNumbers => ({
  total: s.total,
  admitted: s.admitted,
  inside: s.inside,
  scans: s.by_entrance.reduce((n, e) => n + e.scans, 0),
});
const sameNumbers = (a: LiveNumbers, b: LiveNumbers) => a.total === b.total && a.admitted === b.admitted && a.inside === b.inside && a.scans === b.scans;

/** The live numbers counted straight from the tables (not from the trigger-kept counters). */
async function countFromTables(database: Database, eventId: string): Promise<LiveNumbers> {
  const [a] = await database.query<{ total: number; admitted: number; inside: number }>(
    sql`select count(*)::int as total, (count(*) filter (where checkins_used > 0))::int as admitted, (count(*) filter (where inside))::int as inside
        from attendees where event_id = ${eventId} and status = 'valid'`,
  );
  const [s] = await database.query<{ n: number }>(sql`select count(*)::int as n from check_ins where event_id = ${eventId} and kind = 'scan'`);
  return { ...a, scans: s.n };
}

async function json<T>(res: Response): Promise<T> {
  return ((await res.json()) as { data: T }).data;
}

export async function twoInstancesDrill(options: TwoInstancesOptions): Promise<TwoInstancesFigures> {
  const scratch = await createTestDatabase('postgres', { max: 4 });
  const bouncer = await startPgBouncer({ targetUrl: scratch.url! });
  // One admission per ticket: a ticket scanned again (at either instance) is refused.
  const seed = await seedEvent(scratch.database, { attendees: options.attendees + options.races, checkinsAllowed: 1 });
  const admin = await makeUser(scratch.database, 'admin');
  const children: ServerProcess[] = [];
  const start = async () => {
    const port = await freePort();
    const child = ServerProcess.spawn({
      ...testSecrets,
      PORT: String(port),
      HOST: '127.0.0.1',
      FASTCHECK_DATA_DIR: mkdtempSync(join(tmpdir(), 'fc-drill-two-')),
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      TICKERA_SCHEDULER: 'off',
      PGBOUNCER: 'true',
      DATABASE_URL: bouncer.urlFor(scratch.url!),
      DATABASE_DIRECT_URL: scratch.url!,
      RATE_LIMIT_SCAN: '100000',
      RATE_LIMIT_SYNC: '100000',
    });
    children.push(child);
    await child.listening();
    return port;
  };
  try {
    const ports = [await start(), await start()] as const;
    const base = (i: number) => `http://127.0.0.1:${ports[i]}`;
    const post = (i: number, path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${base(i)}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    // A console session on each instance, and a dashboard stream on each.
    const cookies: string[] = [];
    const readers: StatsReader[] = [];
    for (const i of [0, 1]) {
      const login = await post(i, '/api/v1/auth/login', { email: admin.email, password: TEST_PASSWORD });
      if (login.status !== 200) throw new Error(`console login on instance ${i}: ${login.status} ${await login.text()}`);
      cookies.push((login.headers.get('set-cookie') ?? '').split(';')[0]);
      const stream = await fetch(`${base(i)}/api/v1/events/${seed.eventId}/stream`, { headers: { cookie: cookies[i] } });
      if (stream.status !== 200) throw new Error(`stats stream on instance ${i}: ${stream.status}`);
      readers.push(readStats(stream.body!));
    }

    // Phones: half sign in at each instance and scan there (the route's sign-in, per instance).
    const phones: { phone: SimPhone; instance: number }[] = [];
    const tokens: string[][] = [[], []];
    for (const i of [0, 1]) {
      for (let p = 0; p < options.phonesPerInstance; p++) {
        const res = await post(i, '/api/v1/mobile/login', { event_id: seed.eventId, credential: seed.door, device_name: `Door ${i}-${p}` });
        if (res.status !== 200) throw new Error(`phone login on instance ${i}: ${res.status} ${await res.text()}`);
        const { token } = await json<{ token: string }>(res);
        tokens[i].push(token);
        phones.push({
          phone: new SimPhone(
            httpNet(() => ports[i]),
            token,
          ),
          instance: i,
        });
      }
    }

    // The shared pool: the first `attendees` codes, picked at random by every phone at both
    // instances; the last `races` codes are kept for the races.
    const pool = seed.codes.slice(0, options.attendees);
    const raceCodes = seed.codes.slice(options.attendees);
    const raceVerdicts: string[][] = [];
    const raceScanIds: string[] = [];
    const started = performance.now();
    const scanning = Promise.all(
      phones.map(async ({ phone }) => {
        for (let s = 0; s < options.scansPerPhone; s++) {
          await phone.scanOnline(pool[Math.floor(Math.random() * pool.length)]);
          await phone.drain();
        }
      }),
    );
    // Races while the phones scan: one ticket, two scan ids, both instances at once.
    const racing = (async () => {
      for (const code of raceCodes) {
        const verdicts = await Promise.all(
          [0, 1].map(async (i) => {
            const scanId = randomUUID();
            raceScanIds.push(scanId);
            const res = await post(i, '/api/v1/check-in', { scan_id: scanId, ticket_code: code }, { authorization: `Bearer ${tokens[i][0]}` });
            return res.status === 200 ? (await json<{ verdict: string }>(res)).verdict : `http ${res.status}`;
          }),
        );
        raceVerdicts.push(verdicts);
        await sleep(Math.random() * 20);
      }
    })();
    await Promise.all([scanning, racing]);
    const loadMs = performance.now() - started;
    const loadEnded = performance.now();

    const database = await countFromTables(scratch.database, seed.eventId);
    const sse = (await Promise.all(readers.map((r) => r.next((s) => sameNumbers(live(s), database))))).map(live) as [LiveNumbers, LiveNumbers];
    const sseSettledMs = performance.now() - loadEnded;
    await Promise.all(readers.map((r) => r.close()));
    const full = await Promise.all(
      [0, 1].map(async (i) => json<EventStats>(await fetch(`${base(i)}/api/v1/events/${seed.eventId}/stats`, { headers: { cookie: cookies[i] } }))),
    );
    const strip = ({ generated_at: _g, ...rest }: EventStats) => JSON.stringify(rest);

    const audit = await auditFigures(scratch.database, seed.eventId, [...phones.flatMap((p) => p.phone.scanIds), ...raceScanIds]);
    const [over] = await scratch.database.query<{ tickets: number; accepted: number }>(
      sql`select (count(*) filter (where n > allowed))::int as tickets, coalesce(sum(n), 0)::int as accepted from (
            select a.id, a.checkins_allowed as allowed, count(*) as n from check_ins c join attendees a on a.id = c.attendee_id
            where c.event_id = ${seed.eventId} and c.kind = 'scan' and c.direction = 'in' and c.verdict = 'accepted' and not c.offline
            group by a.id, a.checkins_allowed) t`,
    );
    const accepted = raceVerdicts.map((v) => v.filter((x) => x === 'accepted').length);
    const callsByStatus: Record<string, number> = {};
    for (const { phone } of phones) addStatuses(callsByStatus, phone.counters.byStatus);
    const scansByInstance: [number, number] = [0, 0];
    for (const { phone, instance } of phones) scansByInstance[instance] += phone.counters.scans;
    for (const v of raceVerdicts) for (const i of [0, 1]) if (v[i]) scansByInstance[i]++;
    const bouncerServerConnections = (bouncer.log().match(/new connection to server/g) ?? []).length;
    return {
      audit,
      ticketsOverAllowance: over.tickets,
      acceptedOnline: over.accepted,
      races: {
        tickets: raceVerdicts.length,
        acceptedOnce: accepted.filter((n) => n === 1).length,
        acceptedTwice: accepted.filter((n) => n === 2).length,
        acceptedNever: accepted.filter((n) => n === 0).length,
      },
      callsByStatus,
      scansByInstance,
      loadMs,
      database,
      getStats: [live(full[0]), live(full[1])],
      getStatsEqual: strip(full[0]) === strip(full[1]),
      sseStats: sse,
      sseSettledMs,
      bouncerServerConnections,
    };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await bouncer.stop();
    await scratch.drop();
  }
}

const nums = (n: LiveNumbers) => `total ${n.total}, admitted ${n.admitted}, inside ${n.inside}, scans ${n.scans}`;

export function twoInstancesLines(f: TwoInstancesFigures): string[] {
  return [
    `two instances behind pgBouncer: ${f.scansByInstance[0]} + ${f.scansByInstance[1]} scans at instance A + B in ${secs(f.loadMs)}; pgBouncer opened ${f.bouncerServerConnections} server connections`,
    `  calls by answer: ${JSON.stringify(f.callsByStatus)}; accepted online ${f.acceptedOnline}; tickets over their allowance ${f.ticketsOverAllowance}`,
    `  raced tickets (same ticket at A and B at once): ${f.races.tickets}; accepted once ${f.races.acceptedOnce}, twice ${f.races.acceptedTwice}, never ${f.races.acceptedNever}`,
    `  ${auditLine(f.audit)}`,
    `  live numbers: tables ${nums(f.database)}`,
    `    GET stats A ${nums(f.getStats[0])}; B ${nums(f.getStats[1])}; whole answers equal: ${f.getStatsEqual}`,
    `    SSE A ${nums(f.sseStats[0])}; B ${nums(f.sseStats[1])}; both streams showed the tables' numbers ${secs(f.sseSettledMs)} after the load ended`,
  ];
}
