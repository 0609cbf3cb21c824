// The audit CSV export alone, on real Postgres: seeds BENCH_SCANS audit rows (default 300k;
// BENCH_ATTENDEES attendees, default 100k), then exports the newest 100k, 200k and 300k rows
// (a `since` filter) through the same stream the route sends, twice each, printing time and
// the process's RSS growth. Issue 13: 100k rows in ≤ 3 s, memory flat in the row count.
import { describeExport, SCAN_GAP_MS, START, seedAuditLog, timeCsvExport } from './audit-seed.ts';

const ATTENDEES = Number(process.env.BENCH_ATTENDEES ?? 100_000);
const SCANS = Number(process.env.BENCH_SCANS ?? 300_000);
const SIZES = (process.env.BENCH_CSV_ROWS ?? '100000,200000,300000').split(',').map(Number);

const { test, db, eventId } = await seedAuditLog(ATTENDEES, SCANS);
const end = new Date(START.getTime() + SCANS * SCAN_GAP_MS);
// One small export first: connections opened and code compiled before anything is timed.
await timeCsvExport(db, eventId, new Date(end.getTime() - 1000 * SCAN_GAP_MS));
for (const size of SIZES) {
  // Newest `size` scans (and the voids received among them).
  const since = new Date(end.getTime() - size * SCAN_GAP_MS + 1000);
  for (let run = 1; run <= 2; run++)
    console.log(`audit CSV export of ${size.toLocaleString('en')}, run ${run}: ${describeExport(await timeCsvExport(db, eventId, since))}`);
}

if (process.env.BENCH_KEEP) console.log(`kept database ${test.url}`);
else await test.drop();
process.exit(0);
