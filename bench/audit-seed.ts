// The audit log at a venue's size, on real Postgres, for the benches that read it: one event
// with `attendees` attendees and `scans` audit rows (scans 259 ms apart from START, at 4
// entrances from 20 doors, with repeats, unknown tickets, offline scans, conflicts and voids).
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { auditCsv } from '../server/checkin/audit-log.ts';
import type { Db } from '../server/db/client.ts';
import { auditQuerySchema } from '../shared/protocol/audit.ts';
import { seedEvent } from '../server/checkin/test-fixtures.ts';
import { devices, entrances } from '../server/db/schema.ts';
import { createTestDatabase } from '../server/test/scratch-db.ts';
import { ms } from './checkin-kit.ts';

export const START = new Date('2026-07-01T14:00:00Z');
/** Scans are this far apart. */
export const SCAN_GAP_MS = 259;

export async function seedAuditLog(attendeeCount: number, scanCount: number) {
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
    from generate_series(0, ${attendeeCount - 1}::int) g`);
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
  for (let from = 0; from < scanCount; from += 100_000) {
    const to = Math.min(scanCount, from + 100_000) - 1;
    await seeder.unsafe(`
      insert into check_ins (scan_id, kind, event_id, attendee_id, ticket_code, device_id, entrance_id, direction, verdict, message,
        scanned_at, received_at, offline, server_verdict, conflict_with_scan_id)
      select gen_random_uuid(), 'scan', '${eventId}'::uuid,
        case when g % 100 in (85, 86) then null else ${minId}::bigint + (g::bigint * 7919) % ${attendeeCount}::int end,
        case when g % 100 in (85, 86) then 'X' || g else 'T' || lpad(((g::bigint * 7919) % ${attendeeCount}::int)::text, 6, '0') end,
        ('${deviceArray}'::uuid[])[1 + g % 20], ('${gateArray}'::uuid[])[1 + g % 4], 'in',
        (case when g % 100 < 85 then 'accepted' when g % 100 in (85, 86) then 'unknown_ticket' when g % 100 < 97 then 'already_checked_in'
          when g % 100 < 99 then 'wrong_entrance' else 'conflict' end)::verdict, '',
        '${START.toISOString()}'::timestamptz + g * interval '${SCAN_GAP_MS} ms', '${START.toISOString()}'::timestamptz + g * interval '${SCAN_GAP_MS} ms' + interval '2 s',
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
  console.log(`seeded ${attendeeCount.toLocaleString('en')} attendees, ${rows.toLocaleString('en')} audit rows in ${ms(performance.now() - t0)}`);
  return { test, db, eventId, seeded, gates, doors, stage, camping };
}

export interface CsvExportFigures {
  rows: number;
  bytes: number;
  ms: number;
  /** Peak RSS during the export less RSS before it. */
  rssGrowth: number;
}

/** Exports the audit received since `since` through the same stream the route sends, timed, with the process's RSS growth. */
export async function timeCsvExport(db: Db, eventId: string, since: Date): Promise<CsvExportFigures> {
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
  return { rows: lines - 1, bytes, ms: performance.now() - t, rssGrowth: rssPeak - rssBefore };
}

export const describeExport = (f: CsvExportFigures) =>
  `${f.rows.toLocaleString('en')} rows, ${(f.bytes / 1048576).toFixed(1)} MiB in ${ms(f.ms)}; RSS growth ${(f.rssGrowth / 1048576).toFixed(0)} MiB`;
