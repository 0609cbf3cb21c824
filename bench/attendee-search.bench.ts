// The console's attendee search at 100,000 attendees of one event (beside 20,000 of another),
// on Postgres and on PGlite: a page (50 rows) and the count for typical queries, accented and
// not (one statement gives both: searchAttendees). Target: each ≤ 50 ms (p95 over repeated runs),
// also the next page (after the first page's cursor).
import { insertEvent } from '../server/db/repos/events.ts';
import { searchAttendees, upsertAttendees, type AttendeeUpsert } from '../server/db/repos/attendees.ts';
import { createTestDatabase, type DbKind } from '../server/test/scratch-db.ts';

const ROWS = 100_000;
const TARGET_MS = 50;
const RUNS = 15;
const FIRST = ['Anna', 'Jürgen', 'José', 'Zoë', 'Søren', 'Łukasz', 'Maria', 'Ben', 'Chloé', 'Ömer', 'Ana', 'Li', 'Noah', 'Émile', 'Ida'];
const LAST = ['Müller', 'Schmidt', 'García', 'Nuñez', 'Østergård', 'Kowalski', 'Smith', 'Dvořák', 'Nguyễn', 'Weiß', 'Brown', 'Lefèvre', 'Jansen'];
const QUERIES = ['muller', 'MÜLLER', 'jurgen weiss', 'nguyen', 'mu', 'a', 'guest4711', 'tkt-0042', 'nobody-here', ''];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

function people(prefix: string, n: number): AttendeeUpsert[] {
  return Array.from({ length: n }, (_, i) => ({
    ticket_code: `${prefix}-${i.toString().padStart(7, '0')}`,
    first_name: FIRST[i % FIRST.length],
    last_name: `${LAST[(i * 7) % LAST.length]}${i % 3 === 0 ? '' : ` ${i % 1000}`}`,
    email: `guest${i}@example.test`,
    ticket_type_id: null,
    checkins_allowed: 1,
    status: 'valid',
  }));
}

async function run(kind: DbKind) {
  const tdb = await createTestDatabase(kind);
  try {
    const db = tdb.database.db;
    const [big, other] = [await insertEvent(db, { name: 'Festival' }), await insertEvent(db, { name: 'Other' })];
    const load = async (eventId: string, rows: AttendeeUpsert[]) => {
      for (let i = 0; i < rows.length; i += 5000) await upsertAttendees(db, eventId, { source: 'import', rows: rows.slice(i, i + 5000) });
    };
    const started = performance.now();
    await load(big.id, people('TKT', ROWS));
    await load(other.id, people('OTH', 20_000));
    console.log(`${kind}: loaded ${ROWS + 20_000} attendees in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await tdb.database.db.execute('analyze attendees');
    let worst = 0;
    for (const q of QUERIES) {
      const page: number[] = [];
      const next: number[] = [];
      let found = 0;
      let total: number | null = 0;
      for (let r = 0; r < RUNS; r++) {
        let t0 = performance.now();
        const first = await searchAttendees(db, big.id, { q, limit: 51 });
        page.push(performance.now() - t0);
        [found, total] = [first.rows.length, first.matches];
        const last = first.rows[49];
        if (!last) continue;
        t0 = performance.now();
        await searchAttendees(db, big.id, { q, after: [last.sortLast, last.sortFirst, Number(last.id)], limit: 51 });
        next.push(performance.now() - t0);
      }
      const p95 = Math.max(pct(page, 95), next.length ? pct(next, 95) : 0);
      worst = Math.max(worst, p95);
      const nextFigures = next.length ? `next page p50 ${pct(next, 50).toFixed(1)} p95 ${pct(next, 95).toFixed(1)} ms` : 'no next page';
      console.log(
        `${kind}: q=${JSON.stringify(q).padEnd(15)} page + count p50 ${pct(page, 50).toFixed(1)} p95 ${pct(page, 95).toFixed(1)} ms (${found} rows of ${total}); ${nextFigures}`,
      );
    }
    console.log(`${kind}: worst p95 ${worst.toFixed(1)} ms (target ≤ ${TARGET_MS} ms) ${worst <= TARGET_MS ? 'ok' : 'OVER'}`);
  } finally {
    await tdb.drop();
  }
}

await run('postgres');
await run('pglite');
