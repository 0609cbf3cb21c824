// The live counters (kept by triggers) always equal a count of the history itself: after
// online scans, repeats, exits, unknown codes, an offline conflict, voids, a cancelled and a
// deleted attendee, many doors at once, and after folding their rows of differences (also while scanning).
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newScanId, postJson, seedEvent, signIn as phoneSignIn } from '../../checkin/test-fixtures.ts';
import { makeTestApp, testConfig } from '../../test/app.ts';
import { dbKinds, useTestDatabase } from '../../test/db.ts';
import { attendees } from '../schema.ts';
import type { DbOrTx } from '../client.ts';
import { entranceCounts, foldCounts, openConflicts, scansPerMinute, ticketTypeCounts } from './stats.ts';

type Row = Record<string, unknown>;
const rowsOf = async (db: DbOrTx, q: ReturnType<typeof sql>) => {
  const r = (await db.execute(q)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(r) ? r : r.rows;
};

/** The numbers counted from the history, as the dashboard computed them before the counters. */
async function recount(db: DbOrTx, eventId: string) {
  const types = await rowsOf(
    db,
    sql`select ticket_type_id, count(*) filter (where checkins_used > 0 or inside)::int as admitted, count(*)::int as total,
      count(*) filter (where inside)::int as inside
      from attendees where event_id = ${eventId} and status = 'valid' group by 1 order by 1`,
  );
  const gates = await rowsOf(
    db,
    sql`select s.entrance_id, count(*) filter (where s.verdict = 'accepted' and s.direction = 'in'
        and coalesce((s.result->>'reentry')::boolean, false) = false and v.id is null)::int as admitted, count(*)::int as scans
      from check_ins s left join check_ins v on v.voids_scan_id = s.scan_id
      where s.event_id = ${eventId} and s.kind = 'scan' group by 1 order by 1`,
  );
  // Inside by entrance: attendees whose latest accepted scan not voided is an `in` there.
  const inside = await rowsOf(
    db,
    sql`select entrance_id, count(*)::int as inside from (
        select distinct on (s.attendee_id) s.entrance_id, s.direction from check_ins s
        where s.event_id = ${eventId} and s.kind = 'scan' and s.verdict = 'accepted' and s.attendee_id is not null
          and not exists (select 1 from check_ins v where v.voids_scan_id = s.scan_id)
        order by s.attendee_id, s.scanned_at desc, s.id desc) latest
      where direction = 'in' group by 1`,
  );
  const insideAt = new Map(inside.map((r) => [r.entrance_id, r.inside]));
  const [{ n: conflicts }] = await rowsOf(
    db,
    sql`select count(*)::int as n from check_ins s where s.event_id = ${eventId} and s.verdict = 'conflict'
      and not exists (select 1 from check_ins v where v.voids_scan_id = s.scan_id)`,
  );
  const minutes = await rowsOf(
    db,
    sql`select date_trunc('minute', scanned_at) as minute, count(*)::int as scans, count(*) filter (where verdict = 'accepted')::int as accepted
      from check_ins where event_id = ${eventId} and kind = 'scan' group by 1 order by 1`,
  );
  return {
    types: types.map((r) => ({ ticket_type_id: r.ticket_type_id, admitted: r.admitted, total: r.total, inside: r.inside })),
    gates: gates.map((r) => ({ entrance_id: r.entrance_id, admitted: r.admitted, scans: r.scans, inside: insideAt.get(r.entrance_id) ?? 0 })),
    conflicts,
    minutes: minutes.map((r) => ({ minute: new Date(String(r.minute)).toISOString(), scans: r.scans, accepted: r.accepted })),
  };
}

/** The numbers read from the counters, in the recount's shape. */
async function counted(db: DbOrTx, eventId: string) {
  const byId = (a: { ticket_type_id?: string | null; entrance_id?: string | null }) => a.ticket_type_id ?? a.entrance_id ?? '';
  const types = (await ticketTypeCounts(db, eventId)).map(({ name: _n, ...r }) => r).sort((a, b) => byId(a).localeCompare(byId(b)));
  const gates = (await entranceCounts(db, eventId))
    .filter((g) => g.scans > 0)
    .map(({ name: _n, ...r }) => r)
    .sort((a, b) => byId(a).localeCompare(byId(b)));
  return { types, gates, conflicts: await openConflicts(db, eventId), minutes: await scansPerMinute(db, eventId, new Date(0)) };
}

describe.each(dbKinds)('live counters over %s', (kind) => {
  const t = useTestDatabase(kind);

  it('equal a recount of the history after every kind of write, and after folding', async () => {
    const { app } = makeTestApp(t().database, { config: testConfig({ RATE_LIMIT_SCAN: '1000' }) });
    const seed = await seedEvent(t().database, { attendees: 30, reentryAllowed: true });
    const db = t().database.db;
    const door = await phoneSignIn(app, seed.eventId, seed.door, 'Door 1');
    const supervisor = await phoneSignIn(app, seed.eventId, seed.supervisor, 'Sup');
    const scan = async (code: string, over: Record<string, unknown> = {}) =>
      (await (await postJson(app, '/api/v1/check-in', door, { scan_id: newScanId(), ticket_code: code, entrance_id: seed.main, ...over })).json()).data;

    const first = await scan(seed.codes[0]);
    await scan(seed.codes[0], { direction: 'out' });
    await scan(seed.codes[0]); // re-entry: not a second admission
    await scan(seed.codes[1]);
    await scan(seed.codes[9], { entrance_id: seed.vipGate });
    await scan(seed.codes[9], { entrance_id: seed.main, direction: 'out' }); // leaves by another gate
    await scan(seed.codes[9], { entrance_id: seed.vipGate }); // and comes back in
    await scan(seed.codes[2], { entrance_id: seed.vipGate }); // wrong entrance
    await scan('NOPE');
    const now = Date.now();
    const offline = (code: string, ago: number) => ({
      scan_id: newScanId(),
      ticket_code: code,
      scanned_at: new Date(now - ago).toISOString(),
      entrance_id: seed.main,
      local_verdict: 'accepted',
      offline: true,
    });
    await postJson(app, '/api/v1/mobile/scans', door, {
      sent_at: new Date(now).toISOString(),
      // Older than the scans already stored for codes[9] and codes[0]: counted, yet not where they are now.
      scans: [
        offline(seed.codes[1], 120_000),
        offline(seed.codes[3], 7_200_000),
        offline(seed.codes[9], 3_600_000),
        { ...offline(seed.codes[0], 5_400_000), direction: 'out' },
      ],
    });
    const history = await recount(db, seed.eventId);
    expect(await counted(db, seed.eventId)).toEqual(history);
    expect(history.gates.find((g) => g.entrance_id === seed.vipGate)?.inside).toBe(1);

    // Voids: an admission and the conflicts.
    const void_ = (id: string) => postJson(app, `/api/v1/check-ins/${id}/void`, supervisor, { reason: 'test' });
    expect((await void_(first.scan_id)).status).toBe(200);
    const conflicts = await rowsOf(db, sql`select scan_id from check_ins where event_id = ${seed.eventId} and verdict = 'conflict'`);
    expect(conflicts.length).toBeGreaterThan(0);
    for (const conflict of conflicts) expect((await void_(String(conflict.scan_id))).status).toBe(200);
    // An attendee cancelled, one deleted, one added (as a sync does).
    await db.update(attendees).set({ status: 'cancelled' }).where(eq(attendees.ticketCode, seed.codes[1]));
    await db.delete(attendees).where(eq(attendees.ticketCode, seed.codes[29]));
    await db.insert(attendees).values({ eventId: seed.eventId, ticketCode: 'LATE-1', ticketTypeId: seed.ga });
    expect(await counted(db, seed.eventId)).toEqual(await recount(db, seed.eventId));
    expect(await openConflicts(db, seed.eventId)).toBe(0);

    // Many doors at once (separate connections on Postgres).
    const doors = await Promise.all(Array.from({ length: 6 }, (_, i) => phoneSignIn(app, seed.eventId, seed.door, `Door ${i + 2}`)));
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        postJson(app, '/api/v1/check-in', doors[i % 6], { scan_id: newScanId(), ticket_code: seed.codes[4 + (i % 20)], entrance_id: seed.main }),
      ),
    );
    const before = await recount(db, seed.eventId);
    expect(await counted(db, seed.eventId)).toEqual(before);

    // Folding the rows of differences while doors go on scanning loses and doubles nothing,
    // and leaves one row per count.
    await Promise.all([
      ...Array.from({ length: 30 }, (_, i) =>
        postJson(app, '/api/v1/check-in', doors[i % 6], { scan_id: newScanId(), ticket_code: seed.codes[30 + (i % 15)], entrance_id: seed.vipGate }),
      ),
      foldCounts(db),
      foldCounts(db),
    ]);
    await db.insert(attendees).values({ eventId: seed.eventId, ticketCode: 'LATE-2', ticketTypeId: seed.vip });
    const after = await recount(db, seed.eventId);
    expect(await counted(db, seed.eventId)).toEqual(after);
    await foldCounts(db);
    expect(await counted(db, seed.eventId)).toEqual(after);
    for (const table of ['entrance_counts', 'ticket_type_counts', 'scan_minute_counts', 'conflict_counts']) {
      const [{ deltas }] = await rowsOf(
        db,
        sql`select count(*) filter (where stripe <> 0)::int as deltas from ${sql.identifier(table)} where event_id = ${seed.eventId}`,
      );
      expect(deltas, table).toBe(0);
    }
    // A recount from the history (after a restore) gives the same numbers.
    await db.execute(sql`select fastcheck_recount()`);
    expect(await counted(db, seed.eventId)).toEqual(after);
  });
});
