// The console's numbers at a venue's size, on real Postgres: one event with 100,000
// attendees and 1,000,000 audit rows (scans over 3 days at 4 entrances from 20 doors, with
// repeats, unknown tickets, offline scans, conflicts and voids). Times every live-stats
// query, every audit filter's first page (text search included) and a CSV export of
// 100,000 rows (time and the server's RSS growth). Issue 13 targets: live stats ≤ 20 ms,
// audit pages ≤ 50 ms, CSV of 100k ≤ 3 s with flat memory.
import { sql } from 'drizzle-orm';
import { type AuditFilters, listCheckIns } from '../server/db/repos/check-ins.ts';
import { entranceCounts, openConflicts, scanSpan, scanTimeline, scansPerMinute, ticketTypeCounts } from '../server/db/repos/stats.ts';
import { systemClock } from '../server/clock.ts';
import { eventStats } from '../server/stats/event-stats.ts';
import { openCaseCount, openCaseCountSql } from '../server/db/repos/conflict-inbox.ts';
import { RECENT_ATTEMPTS } from '../shared/protocol/stats.ts';
import { ms } from './checkin-kit.ts';
import { describeExport, SCAN_GAP_MS, START, seedAuditLog, timeCsvExport } from './audit-seed.ts';

const ATTENDEES = Number(process.env.BENCH_ATTENDEES ?? 100_000);
const SCANS = Number(process.env.BENCH_SCANS ?? 1_000_000);

const { test, db, eventId, doors, stage } = await seedAuditLog(ATTENDEES, SCANS);

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

const end = new Date(START.getTime() + SCANS * SCAN_GAP_MS);
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
// Not a dashboard query (the chart reads buckets, below): every minute of 3 days, 4,320 rows, for scale.
await timed('scans per minute, whole event (not shown)', () => scansPerMinute(db, eventId, START));
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
console.log(`audit CSV export: ${describeExport(await timeCsvExport(db, eventId, new Date(end.getTime() - 100_000 * SCAN_GAP_MS)))}`);

if (process.env.BENCH_KEEP) console.log(`kept database ${test.url}`);
else await test.drop();
process.exit(0);
