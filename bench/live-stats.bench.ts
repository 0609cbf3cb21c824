// The console's numbers at a venue's size, on real Postgres: one event with 100,000
// attendees and 1,000,000 audit rows (scans over 3 days at 4 entrances from 20 doors, with
// repeats, unknown tickets, offline scans, conflicts and voids). Times every live-stats
// query, every audit filter's first page (text search included) and a CSV export of
// 100,000 rows (time and the server's RSS growth). Issue 13 targets: live stats ≤ 20 ms,
// audit pages ≤ 50 ms, CSV of 100k ≤ 3 s with flat memory.
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { auditCsv } from '../server/checkin/audit-log.ts';
import { auditQuerySchema } from '../shared/protocol/audit.ts';
import { type AuditFilters, listCheckIns } from '../server/db/repos/check-ins.ts';
import { entranceCounts, openConflicts, scanSpan, scanTimeline, scansPerMinute, ticketTypeCounts } from '../server/db/repos/stats.ts';
import { systemClock } from '../server/clock.ts';
import { eventStats } from '../server/stats/event-stats.ts';
import { openCaseCount, openCaseCountSql } from '../server/db/repos/conflict-inbox.ts';
import { RECENT_ATTEMPTS } from '../shared/protocol/stats.ts';
import { devices, entrances } from '../server/db/schema.ts';
import { seedEvent } from '../server/checkin/test-fixtures.ts';
import { createTestDatabase } from '../server/test/scratch-db.ts';
import { ms } from './checkin-kit.ts';

const ATTENDEES = Number(process.env.BENCH_ATTENDEES ?? 100_000);
const SCANS = Number(process.env.BENCH_SCANS ?? 1_000_000);
const START = new Date('2026-07-01T14:00:00Z');

const t0 = performance.now();
const test = await createTestDatabase('postgres', { max: 4 });
const { db } = test.database;
const seeded = await seedEvent(test.database, { attendees: 0 });
const eventId = seeded.eventId;
const [stage, camping] = await db
  .insert(entrances)
  .values([
    { eventId, name: 'Stage' },
    { eventId, name: 'Camping' },
  ])
  .returning();
const gates = [seeded.main, seeded.vipGate, stage.id, camping.id];
const doors = await db
  .insert(devices)
  .values(Array.from({ length: 20 }, (_, i) => ({ eventId, credentialId: seeded.credentialIds.door, name: `Door ${i + 1}`, entranceId: gates[i % 4] })))
  .returning({ id: devices.id });

// Attendees: a tenth VIP, some names with accents.
await db.execute(sql`
  insert into attendees (event_id, ticket_code, first_name, last_name, email, ticket_type_id, checkins_allowed)
  select ${eventId}::uuid, 'T' || lpad(g::text, 6, '0'),
    (array['Anna','Jürgen','Zoë','Mehmet','Siobhán','Lars','Chloé','Piotr'])[1 + g % 8],
    (array['Müller','Schmidt','Núñez','Okafor','Brennan','Øvergaard','Dubois','Kowalski','Nakamura','Rossi'])[1 + (g / 8) % 10] || g,
    'a' || g || '@example.org',
    case when g % 10 = 9 then ${seeded.vip}::uuid else ${seeded.ga}::uuid end, 1
  from generate_series(0, ${ATTENDEES - 1}::int) g`);
const [{ min_id: minId }] = (await db.execute(sql`select min(id)::int as min_id from attendees where event_id = ${eventId}::uuid`)) as unknown as {
  min_id: number;
}[];

// Audit rows in chunks of 100k: 85 % accepted, 10 % already checked in, 2 % unknown
// tickets, 2 % wrong entrance, 1 % conflicts; a fifth offline; 1 in 500 refused offline
// but valid on the server.
// Seeding goes through its own connection: no statement timeout, and foreign-key and other
// triggers off (as a restore would), so a million rows take seconds, not minutes.
const seeder = postgres(test.url!, { max: 1, onnotice: () => {} });
await seeder.unsafe('set statement_timeout = 0');
await seeder.unsafe('set session_replication_role = replica');
const deviceArray = `{${doors.map((d) => d.id).join(',')}}`;
const gateArray = `{${gates.join(',')}}`;
for (let from = 0; from < SCANS; from += 100_000) {
  const to = Math.min(SCANS, from + 100_000) - 1;
  await seeder.unsafe(`
    insert into check_ins (scan_id, kind, event_id, attendee_id, ticket_code, device_id, entrance_id, direction, verdict, message,
      scanned_at, received_at, offline, server_verdict, conflict_with_scan_id)
    select gen_random_uuid(), 'scan', '${eventId}'::uuid,
      case when g % 100 in (85, 86) then null else ${minId}::bigint + (g::bigint * 7919) % ${ATTENDEES}::int end,
      case when g % 100 in (85, 86) then 'X' || g else 'T' || lpad(((g::bigint * 7919) % ${ATTENDEES}::int)::text, 6, '0') end,
      ('${deviceArray}'::uuid[])[1 + g % 20], ('${gateArray}'::uuid[])[1 + g % 4], 'in',
      (case when g % 100 < 85 then 'accepted' when g % 100 in (85, 86) then 'unknown_ticket' when g % 100 < 97 then 'already_checked_in'
        when g % 100 < 99 then 'wrong_entrance' else 'conflict' end)::verdict, '',
      '${START.toISOString()}'::timestamptz + g * interval '259 ms', '${START.toISOString()}'::timestamptz + g * interval '259 ms' + interval '2 s',
      g % 5 = 0, case when g % 500 = 3 then 'accepted'::verdict end, case when g % 100 = 99 then gen_random_uuid() end
    from generate_series(${from}::int, ${to}::int) g`);
}
// Voids: 1 in 1,000 accepted scans and a third of the conflicts.
await seeder.unsafe(`
  insert into check_ins (scan_id, kind, event_id, attendee_id, ticket_code, entrance_id, direction, verdict, message, scanned_at, received_at, voids_scan_id, reason)
  select gen_random_uuid(), 'void', event_id, attendee_id, ticket_code, entrance_id, direction, null, '', scanned_at + interval '1 min', received_at + interval '1 min', scan_id, 'bench'
  from check_ins where event_id = '${eventId}'::uuid and kind = 'scan' and ((verdict = 'accepted' and id % 1000 = 0) or (verdict = 'conflict' and id % 3 = 0))`);
// Triggers were off for the bulk rows: count them as a restore would.
await seeder.unsafe('select fastcheck_recount()');
await seeder.unsafe('vacuum analyze');
await seeder.end();
const [{ n: rows }] = (await db.execute(sql`select count(*)::int as n from check_ins`)) as unknown as { n: number }[];
console.log(`seeded ${ATTENDEES.toLocaleString('en')} attendees, ${rows.toLocaleString('en')} audit rows in ${ms(performance.now() - t0)}`);

/** Median and max of `runs` timed calls (after one warm-up). */
async function timed(label: string, run: () => Promise<unknown>, runs = 9): Promise<void> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(44)} median ${ms(times[Math.floor(runs / 2)]).padStart(9)}  max ${ms(times[runs - 1]).padStart(9)}`);
}

const end = new Date(START.getTime() + SCANS * 259);
console.log('live stats (each query of the dashboard):');
await timed('admitted / total by ticket type', () => ticketTypeCounts(db, eventId));
await timed('admitted and scans by entrance', () => entranceCounts(db, eventId));
await timed('open conflicts', () => openConflicts(db, eventId));
// The tile counts the inbox's open cases: a few hundred reviews, as a busy night might leave.
await db.execute(sql`insert into conflict_reviews (event_id, scan_id, action)
  select event_id, scan_id, 'resolve' from check_ins where event_id = ${eventId}::uuid and verdict = 'conflict' order by id limit 300`);
await timed('open cases (the tile: index counts, resolved)', () => openCaseCount(db, eventId));
const tilePlan = (await db.execute(sql`explain (analyze, buffers off, costs off) ${openCaseCountSql(eventId)}`)) as unknown as { 'QUERY PLAN': string }[];
console.log(`  open cases plan: ${tilePlan.map((r) => r['QUERY PLAN'].trim()).join(' | ')}`);
await timed('scans per minute, last hour', () => scansPerMinute(db, eventId, new Date(end.getTime() - 3_600_000)));
await timed('scans per minute, whole event', () => scansPerMinute(db, eventId, START));
await timed('chart span (first and last minute)', () => scanSpan(db, eventId));
await timed('chart over the whole event (3 days, 15 min)', () => scanTimeline(db, eventId, START, end, 15, 0));
await timed('recent attempts (last 20)', () => listCheckIns(db, eventId, { limit: RECENT_ATTEMPTS }));
await timed('whole snapshot (eventStats, all in parallel)', () => eventStats({ database: test.database, clock: systemClock }, eventId));
const plan = (await db.execute(
  sql`explain (analyze, buffers off, costs off) select id from check_ins where event_id = ${eventId}::uuid order by id desc limit 20`,
)) as unknown as { 'QUERY PLAN': string }[];
console.log(`  recent attempts plan: ${plan.map((r) => r['QUERY PLAN'].trim()).join(' | ')}`);

const page = (f: Partial<AuditFilters>) => () => listCheckIns(db, eventId, { limit: 50, ...f });
const [{ mid }] = (await db.execute(
  sql`select id::int as mid from check_ins where event_id = ${eventId}::uuid order by id offset ${Math.floor(SCANS / 2)} limit 1`,
)) as unknown as {
  mid: number;
}[];
console.log('audit log, first page of 50 (each filter):');
await timed('no filter', page({}));
await timed('no filter, a page in the middle (cursor)', page({ beforeId: mid }));
await timed('verdict = conflict', page({ verdict: 'conflict' }));
await timed('conflicts only (open)', page({ conflictsOnly: true }));
await timed('entrance', page({ entranceId: stage.id }));
await timed('device', page({ deviceId: doors[7].id }));
await timed('offline', page({ offline: true }));
await timed('refused offline but valid (disputed)', page({ disputedOnly: true }));
await timed('server verdict = accepted', page({ serverVerdict: 'accepted' }));
await timed('since: the last hour', page({ since: new Date(end.getTime() - 3_600_000) }));
await timed('until: the first day', page({ until: new Date(START.getTime() + 86_400_000) }));
await timed('text: a ticket code', page({ q: 'T04217' }));
await timed('text: a surname', page({ q: 'Okafor123' }));
await timed('text: a common name part', page({ q: 'müller' }));
await timed('text: nothing matches', page({ q: 'Zzyzx' }));
await timed('text + verdict', page({ q: 'Brennan', verdict: 'already_checked_in' }));

// CSV export of 100k rows through the same stream the route sends.
const since = new Date(end.getTime() - 100_000 * 259);
let bytes = 0;
let lines = 0;
const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
const t = performance.now();
await pipeline(
  Readable.from(auditCsv(db, eventId, auditQuerySchema.parse({ since: since.toISOString() }))),
  new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      done();
    },
  }),
);
console.log(
  `audit CSV export: ${(lines - 1).toLocaleString('en')} rows, ${(bytes / 1048576).toFixed(1)} MiB in ${ms(performance.now() - t)}; RSS growth ${((rssPeak - rssBefore) / 1048576).toFixed(0)} MiB`,
);

if (process.env.BENCH_KEEP) console.log(`kept database ${test.url}`);
else await test.drop();
process.exit(0);
