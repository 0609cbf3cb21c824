// The audit CSV export holds exactly the rows the audit pages show for the same filters, each
// written by csvCell's rules (formula cells defused, quotes, commas and line breaks quoted),
// on both databases: Postgres reads one cursor, PGlite pages, across more than one batch.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditListResponseSchema, type AuditRow } from '../../shared/protocol/audit.ts';
import { consoleRequest, dataOf, makeUser, signIn } from '../organiser/console-test-kit.ts';
import { type CheckInWrite, insertCheckIns } from '../db/repos/check-ins.ts';
import { attendees, devices, entrances } from '../db/schema.ts';
import { makeTestApp } from '../test/app.ts';
import { until } from '../test/until.ts';
import { cursorBatches, poolUse } from '../db/client.ts';
import { sql } from 'drizzle-orm';
import { dbKinds, useTestDatabase } from '../test/db.ts';
import { csvLine } from './audit-log.ts';
import { seedEvent } from './test-fixtures.ts';

const T0 = Date.parse('2026-07-01T18:00:00.000Z');

describe.each(dbKinds)('audit CSV export over %s', (kind) => {
  const t = useTestDatabase(kind);

  async function setup() {
    const database = t().database;
    const { app } = makeTestApp(database);
    const seed = await seedEvent(database, { attendees: 0 });
    const cookie = await signIn(app, (await makeUser(database, 'admin')).email);
    const db = database.db;
    const [gate] = await db.insert(entrances).values({ eventId: seed.eventId, name: 'North, "old" gate' }).returning();
    const [plainDoor, oddDoor] = await db
      .insert(devices)
      .values([
        { eventId: seed.eventId, credentialId: seed.credentialIds.door, name: 'Door 1', entranceId: seed.main },
        { eventId: seed.eventId, credentialId: seed.credentialIds.door, name: '=HYPERLINK("x")\r\nDoor', entranceId: gate.id },
      ])
      .returning();
    const names = [
      ['Anna', 'Müller'],
      ['=cmd|', "'/c calc'!A0"],
      ['+Bob', 'Smith'],
      ['-Eve', 'Jones, Jr.'],
      ['@Zoë', 'Quote "Q"'],
      ['\tTab', 'Line\nBreak'],
      ['', ''],
    ];
    const people = await db
      .insert(attendees)
      .values(names.map(([firstName, lastName], i) => ({ eventId: seed.eventId, ticketCode: `C${i}`, firstName, lastName, ticketTypeId: seed.ga })))
      .returning({ id: attendees.id, code: attendees.ticketCode });
    // 2,300 rows (more than one batch of the export), every cell kind among them.
    const rows: CheckInWrite[] = [];
    for (let i = 0; i < 2300; i++) {
      const who = i % 9 < people.length ? people[i % 9] : null;
      const offline = i % 4 === 0;
      const verdict = (['accepted', 'already_checked_in', 'unknown_ticket', 'conflict', 'wrong_entrance'] as const)[i % 5];
      rows.push({
        scanId: randomUUID(),
        eventId: seed.eventId,
        attendeeId: who?.id ?? null,
        ticketCode: who?.code ?? ['=1+1', '-5,x', 'a"b', 'NOPE\r'][i % 4],
        deviceId: i % 3 === 0 ? oddDoor.id : i % 3 === 1 ? plainDoor.id : null,
        entranceId: i % 2 === 0 ? gate.id : seed.main,
        direction: i % 7 === 0 ? 'out' : 'in',
        verdict,
        message: ['', 'Admitted', '=SUM(A1:A9)', 'says "no", twice\nreally', '@once'][i % 5],
        scannedAt: new Date(T0 + i * 1000 + (i % 1000) / 7),
        phoneScannedAt: offline ? new Date(T0 + i * 1000 - 4321) : null,
        timeFlag: i % 11 === 0 ? 'future' : null,
        receivedAt: new Date(T0 + i * 1000 + 2000),
        offline,
        localVerdict: offline ? 'accepted' : null,
        serverVerdict: offline && i % 8 === 0 ? 'accepted' : null,
        clockSkewMs: offline ? (i % 3 === 0 ? -1500 - i : 700 + i) : null,
        conflictWithScanId: verdict === 'conflict' ? randomUUID() : null,
        reason: i % 13 === 0 ? '-refund, "late"\r\n' : null,
        result: null,
      });
    }
    // Voids of some admissions (with a reason a spreadsheet would run).
    for (const [i, original] of rows.entries()) {
      if (i % 50 !== 0 || original.verdict !== 'accepted') continue;
      rows.push({
        ...original,
        scanId: randomUUID(),
        kind: 'void',
        verdict: null,
        offline: false,
        localVerdict: null,
        serverVerdict: null,
        clockSkewMs: null,
        phoneScannedAt: null,
        receivedAt: new Date(original.receivedAt.getTime() + 500),
        voidsScanId: original.scanId,
        reason: '=wrong ticket',
      });
    }
    for (let i = 0; i < rows.length; i += 500) await insertCheckIns(db, rows.slice(i, i + 500));
    const base = `/api/v1/events/${seed.eventId}/check-ins`;
    /** Every row the audit pages show for the query, following the cursor. */
    const pages = async (query: string) => {
      const all: AuditRow[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page = auditListResponseSchema.parse(
          await dataOf(await consoleRequest(app, cookie, 'GET', `${base}?limit=500&${query}${cursor ? `&cursor=${cursor}` : ''}`)),
        );
        all.push(...page.check_ins);
        cursor = page.next_cursor;
      }
      return all;
    };
    const csv = async (query: string) => {
      const res = await consoleRequest(app, cookie, 'GET', `${base}.csv?${query}`);
      expect(res.status).toBe(200);
      return res.text();
    };
    return { app, cookie, base, seed, gate, oddDoor, pages, csv, total: rows.length };
  }

  it('equals the audit pages for each filter, and keeps the cell rules', async () => {
    const { seed, gate, oddDoor, pages, csv, total } = await setup();
    const all = await csv('');
    const [header, ...rest] = all.split('\n');
    expect(header).toBe(
      'received_at,scanned_at,kind,verdict,message,ticket_code,attendee_name,direction,entrance,device,offline,local_verdict,server_verdict,' +
        'clock_skew_ms,phone_scanned_at,time_flag,conflict_with_scan_id,voids_scan_id,voided_by_scan_id,reason,scan_id',
    );
    expect(rest.length).toBeGreaterThan(total);
    const filters = [
      '',
      'verdict=conflict',
      `entrance_id=${gate.id}`,
      `device_id=${oddDoor.id}`,
      'offline=true',
      'offline=false',
      'conflicts_only=true',
      'server_verdict=accepted',
      'disputed_only=true',
      `since=${new Date(T0 + 600_000).toISOString()}&until=${new Date(T0 + 1_500_000).toISOString()}`,
      'q=muller',
      'q=C3',
      'q=NOPE',
      `q=jones&verdict=accepted&entrance_id=${seed.main}`,
    ];
    for (const query of filters) {
      const expected = (await pages(query)).map(csvLine).join('');
      expect(expected.length, query).toBeGreaterThan(0);
      expect(await csv(query), query).toBe(`${header}\n${expected}`);
    }
    expect(await csv('q=nobody-at-all')).toBe(`${header}\n`);
    // The rules themselves, as a spreadsheet meets them.
    expect(all).toContain(`,"'=HYPERLINK(""x"")\r\nDoor",`);
    expect(all).toContain(`,"North, ""old"" gate",`);
    expect(all).toContain(`,'=SUM(A1:A9),`);
    expect(all).toContain(`,"says ""no"", twice\nreally",`);
    expect(all).toContain(`,'@once,`);
    expect(all).toContain(`,"'-refund, ""late""\r\n",`);
    expect(all).toContain(`,'=wrong ticket,`);
    expect(all).toMatch(/,'=cmd\| '\/c calc'!A0,/);
    expect(all).toContain(`,'+Bob Smith,`);
    expect(all).toContain(`,"'-Eve Jones, Jr.",`);
    expect(all).toContain(`,"'@Zoë Quote ""Q""",`);
    expect(all).toContain(`,"'\tTab Line\nBreak",`);
    expect(all).toMatch(/,true,accepted,(accepted)?,'-\d+,2026-/);
    expect(all).toMatch(/,"'-5,x",/);
  });

  it.skipIf(kind !== 'postgres')('a dropped download lets its cursor and connection go', async () => {
    const { app, cookie, base } = await setup();
    const database = t().database;
    const res = await consoleRequest(app, cookie, 'GET', `${base}.csv`);
    const reader = res.body!.getReader();
    await reader.read();
    await reader.read();
    expect(poolUse(database)?.inUse).toBe(1);
    await reader.cancel();
    await until(
      async () => poolUse(database)?.inUse,
      (n) => n === 0,
    );
    const open = await database.query<{ n: number }>(
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
    );
    expect(open[0].n).toBe(0);
  });

  it.skipIf(kind !== 'postgres')(
    'a reader that stops reading loses its cursor session after the stall limit, and the pool gets the connection back',
    async () => {
      const database = t().database;
      const cursor = cursorBatches<{ g: number }>(database.db, sql`select g from generate_series(1, 10) g`, 2, { stallMs: 300 })!;
      expect((await cursor.next()).value).toEqual([{ g: 1 }, { g: 2 }]);
      // Postgres ends the idle session by itself; the next fetch then fails instead of waiting.
      await until(
        async () =>
          (
            await database.query<{ n: number }>(
              sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
            )
          )[0].n,
        (n) => n === 0,
      );
      await expect(cursor.next()).rejects.toThrow();
      expect(poolUse(database)?.inUse).toBe(0);
      // The pool is whole again: the next query runs.
      expect((await database.query<{ one: number }>(sql`select 1 as one`))[0].one).toBe(1);
    },
  );
});
