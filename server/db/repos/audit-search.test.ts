// The audit's text search finds the same rows whether a text matches few attendees (read by
// id) or many (read as the log is read), and finds unknown codes that match no attendee;
// accents folded as the attendees tab folds them ("muller" finds Müller).
import { describe, expect, it } from 'vitest';
import { newScanId, postJson, seedEvent, signIn as phoneSignIn } from '../../checkin/test-fixtures.ts';
import { makeTestApp, testConfig } from '../../test/app.ts';
import { dbKinds, useTestDatabase } from '../../test/db.ts';
import { attendees } from '../schema.ts';
import { listCheckIns } from './check-ins.ts';

describe.each(dbKinds)('audit text search over %s', (kind) => {
  const t = useTestDatabase(kind);

  it('finds by name, code and unknown code, for few and for many matching attendees, newest first', async () => {
    const { app } = makeTestApp(t().database, { config: testConfig({ RATE_LIMIT_SCAN: '1000' }) });
    // 600 attendees named First{i} Last{i}: "Last" matches them all (more than are read by id).
    const seed = await seedEvent(t().database, { attendees: 600 });
    const door = await phoneSignIn(app, seed.eventId, seed.door, 'Door 1');
    const scanned = [5, 17, 170, 555, 17];
    for (const i of scanned) await postJson(app, '/api/v1/check-in', door, { scan_id: newScanId(), ticket_code: seed.codes[i], entrance_id: seed.main });
    await postJson(app, '/api/v1/check-in', door, { scan_id: newScanId(), ticket_code: 'FORGED-LAST17', entrance_id: seed.main });
    const db = t().database.db;
    const search = async (q: string) => (await listCheckIns(db, seed.eventId, { q, limit: 50 })).map((r) => r.ticketCode);

    expect(await search('Last17')).toEqual(['FORGED-LAST17', seed.codes[17], seed.codes[170], seed.codes[17]]);
    expect(await search('last555')).toEqual([seed.codes[555]]);
    expect(await search(seed.codes[5].toLowerCase())).toEqual([seed.codes[5]]);
    expect(await search('Last')).toEqual(['FORGED-LAST17', seed.codes[17], seed.codes[555], seed.codes[170], seed.codes[17], seed.codes[5]]);
    expect(await search('forged')).toEqual(['FORGED-LAST17']);
    expect(await search('nobody')).toEqual([]);
    // A page of two, then the next from its cursor: the same order.
    const first = await listCheckIns(db, seed.eventId, { q: 'Last', limit: 2 });
    const next = await listCheckIns(db, seed.eventId, { q: 'Last', limit: 50, beforeId: first[1].id });
    expect([...first, ...next].map((r) => r.ticketCode)).toEqual(await search('Last'));
  });

  it('folds accents and case like the attendees tab: "muller" finds Müller, every word must match', async () => {
    const { app } = makeTestApp(t().database, { config: testConfig({ RATE_LIMIT_SCAN: '1000' }) });
    const seed = await seedEvent(t().database, { attendees: 0 });
    const db = t().database.db;
    await db.insert(attendees).values([
      { eventId: seed.eventId, ticketCode: 'MU-1', firstName: 'Jürgen', lastName: 'Müller', email: 'j@example.org' },
      { eventId: seed.eventId, ticketCode: 'MU-2', firstName: 'Anna', lastName: 'Muller', email: 'anna@example.org' },
      { eventId: seed.eventId, ticketCode: 'WE-1', firstName: 'Søren', lastName: 'Weiß', email: 's@example.org' },
    ]);
    const door = await phoneSignIn(app, seed.eventId, seed.door, 'Door 1');
    for (const code of ['MU-1', 'MU-2', 'WE-1'])
      await postJson(app, '/api/v1/check-in', door, { scan_id: newScanId(), ticket_code: code, entrance_id: seed.main });
    const search = async (q: string) => (await listCheckIns(db, seed.eventId, { q, limit: 50 })).map((r) => r.ticketCode);

    expect(await search('muller')).toEqual(['MU-2', 'MU-1']);
    expect(await search('MÜLLER')).toEqual(['MU-2', 'MU-1']);
    expect(await search('jurgen mul')).toEqual(['MU-1']);
    expect(await search('weiss')).toEqual(['WE-1']);
    expect(await search('soren')).toEqual(['WE-1']);
    expect(await search('mu-1')).toEqual(['MU-1']);
  });
});
