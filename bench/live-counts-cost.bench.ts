// What the live counters cost the scan path: 2,000 check-in transactions (the attendee update
// and the audit insert a first admission makes) on one connection, with the counting
// triggers off and on, four rounds alternating. Prints the wall time per transaction.
import postgres from 'postgres';
import { seedEvent } from '../server/checkin/test-fixtures.ts';
import { createTestDatabase } from '../server/test/scratch-db.ts';
const t = await createTestDatabase('postgres');
const s = await seedEvent(t.database, { attendees: 4000 });
const sql = postgres(t.url!, { max: 1 });
async function run(label: string) {
  const ids = (await sql`select id from attendees where event_id = ${s.eventId} order by id`).map((r) => r.id);
  const t0 = performance.now();
  for (let i = 0; i < 2000; i++) {
    await sql.begin(async (tx) => {
      await tx`update attendees set checkins_used = checkins_used + 1, inside = true where id = ${ids[i]}`;
      await tx`insert into check_ins (scan_id, event_id, attendee_id, ticket_code, entrance_id, verdict, scanned_at) values (gen_random_uuid(), ${s.eventId}, ${ids[i]}, 'x', ${s.main}, 'accepted', now())`;
    });
  }
  const cpu = (performance.now() - t0) / 2000;
  console.log(label, cpu.toFixed(3), 'ms per check-in transaction (wall, 1 connection)');
  await sql`update attendees set checkins_used = 0, inside = false where event_id = ${s.eventId}`;
}
const setT = async (c: boolean, a: boolean) => {
  await sql.unsafe(`alter table check_ins ${c ? 'enable' : 'disable'} trigger check_ins_count`);
  await sql.unsafe(`alter table attendees ${a ? 'enable' : 'disable'} trigger attendees_count_update`);
};
for (const round of [1, 2, 3, 4]) {
  for (const [c, a] of [
    [false, false],
    [true, true],
  ] as const) {
    await setT(c, a);
    await run(`check_ins ${c ? 'on ' : 'off'} attendees ${a ? 'on ' : 'off'} #${round}`);
  }
}
await sql.end();
await t.drop();
process.exit(0);
