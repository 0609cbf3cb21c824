import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminAudit, attendees, ticketTypes } from '../db/schema.ts';
import { consoleRequest, dataOf } from '../organiser/console-test-kit.ts';
import { countRows, errorOf, HEADER, setupImport as setup } from '../organiser/import-test-kit.ts';
import { dbKinds, useTestDatabase } from '../test/db.ts';

describe.each(dbKinds)('attendee import over %s', (kind) => {
  const t = useTestDatabase(kind);

  it('reads CSV with a BOM, quoted commas, CRLF and UTF-8 names; creates unknown ticket types', async () => {
    const { importCsv, eventId } = await setup(t);
    const csv =
      '\uFEFF' +
      [
        HEADER,
        'A-001,Zoë,"O\'Brien, Jr.",zoe@example.test,VIP,2,valid',
        'A-002,José,Ñúñez,,General,,',
        '"A-003","Łukasz","Müller ""Lu""",lu@example.test,General,0,cancelled',
        'A-004,李,小龍,li@example.test,,,',
      ].join('\r\n') +
      '\r\n';
    const res = await importCsv(new Blob([new TextEncoder().encode(csv)]));
    expect(res.status).toBe(200);
    expect(await dataOf(res)).toEqual({ inserted: 4, updated: 0, unchanged: 0, ticket_types_created: 2 });
    const rows = await t().database.db.select().from(attendees).where(eq(attendees.eventId, eventId)).orderBy(attendees.ticketCode);
    const types = await t().database.db.select().from(ticketTypes).where(eq(ticketTypes.eventId, eventId));
    const typeName = (id: string | null) => types.find((x) => x.id === id)?.name ?? null;
    expect(rows.map((r) => [r.ticketCode, r.firstName, r.lastName, r.email, typeName(r.ticketTypeId), r.checkinsAllowed, r.status])).toEqual([
      ['A-001', 'Zoë', "O'Brien, Jr.", 'zoe@example.test', 'VIP', 2, 'valid'],
      ['A-002', 'José', 'Ñúñez', '', 'General', 1, 'valid'],
      ['A-003', 'Łukasz', 'Müller "Lu"', 'lu@example.test', 'General', 0, 'cancelled'],
      ['A-004', '李', '小龍', 'li@example.test', null, 1, 'valid'],
    ]);
  });

  it('re-import updates in place, counts unchanged rows, keeps check-in counts and leaves unchanged rows unstamped', async () => {
    const { importCsv, eventId } = await setup(t);
    const first = [HEADER, 'R-1,Ann,Lee,ann@example.test,GA,1,valid', 'R-2,Bob,Ray,bob@example.test,GA,1,valid', 'R-3,Cy,Day,,GA,1,valid'].join('\n');
    expect(await dataOf(await importCsv(first))).toMatchObject({ inserted: 3, updated: 0, unchanged: 0 });
    // Someone checked in at the door meanwhile.
    await t()
      .database.db.update(attendees)
      .set({ checkinsUsed: 1, inside: true })
      .where(and(eq(attendees.eventId, eventId), eq(attendees.ticketCode, 'R-2')));
    const before = await t().database.db.select().from(attendees).where(eq(attendees.eventId, eventId)).orderBy(attendees.ticketCode);

    const second = [
      HEADER,
      'R-1,Ann,Lee,ann@example.test,GA,1,valid',
      'R-2,Bob,Ray-Smith,bob@example.test,GA,1,valid',
      'R-3,Cy,Day,,GA,1,cancelled',
      'R-4,Di,Fox,,GA,1,valid',
    ].join('\n');
    expect(await dataOf(await importCsv(second))).toEqual({ inserted: 1, updated: 2, unchanged: 1, ticket_types_created: 0 });
    const after = await t().database.db.select().from(attendees).where(eq(attendees.eventId, eventId)).orderBy(attendees.ticketCode);
    expect(after).toHaveLength(4);
    expect(after[0].changeSeq).toBe(before[0].changeSeq); // unchanged: not re-stamped
    expect(after[0].id).toBe(before[0].id);
    expect(after[1]).toMatchObject({ id: before[1].id, lastName: 'Ray-Smith', checkinsUsed: 1, inside: true });
    expect(after[1].changeSeq).toBeGreaterThan(before[1].changeSeq);
    expect(after[2].status).toBe('cancelled');

    expect(await dataOf(await importCsv(second))).toEqual({ inserted: 0, updated: 0, unchanged: 4, ticket_types_created: 0 });
    const audit = await t()
      .database.db.select()
      .from(adminAudit)
      .where(and(eq(adminAudit.eventId, eventId), eq(adminAudit.action, 'attendees.import')));
    expect(audit).toHaveLength(3);
    expect(audit[2].details).toMatchObject({ format: 'csv', rows: 4, unchanged: 4 });
  });

  it('takes JSON too, with row numbers in its errors', async () => {
    const { importJson, eventId } = await setup(t);
    const ok = await importJson({
      attendees: [
        { ticket_code: 'J-1', first_name: 'Jo', allowed_checkins: 3 },
        { ticket_code: 'J-2', status: 'revoked' },
      ],
    });
    expect(await dataOf(ok)).toMatchObject({ inserted: 2 });
    const bad = await importJson({ attendees: [{ ticket_code: 'J-3' }, { ticket_code: 'J-4', email: 'nope' }] });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).details).toMatchObject({ row: 2, column: 'email' });
    expect(await countRows(t, eventId)).toBe(2);
  });

  it('refuses codes that differ only by case (in the file or against the list), naming them, unless the event keeps exact case', async () => {
    const { importCsv, importJson, app, cookie, eventId } = await setup(t);
    const inFile = await importCsv(`${HEADER}\nHLF-1,A,B,,,,\nX-2,C,D,,,,\nhlf-1,E,F,,,,\n`);
    expect(inFile.status).toBe(400);
    const error = await errorOf(inFile);
    expect(error.message).toMatch(/^Ticket codes that differ only by case: HLF-1 and hlf-1\. .*Nothing was imported\.$/);
    expect(error.details).toMatchObject({ column: 'ticket_code', codes: [['HLF-1', 'hlf-1']] });
    expect(await countRows(t, eventId)).toBe(0);

    expect((await importJson({ attendees: [{ ticket_code: 'HLF-1' }, { ticket_code: 'X-2' }] })).status).toBe(200);
    // The same codes again (an update) are fine; a new spelling of a stored one is not.
    expect((await importJson({ attendees: [{ ticket_code: 'HLF-1', first_name: 'Ana' }] })).status).toBe(200);
    const against = await importJson({ attendees: [{ ticket_code: 'Y-3' }, { ticket_code: 'x-2' }] });
    expect(against.status).toBe(400);
    expect((await errorOf(against)).details).toMatchObject({ codes: [['X-2', 'x-2']] });
    expect(await countRows(t, eventId)).toBe(2);

    const patched = await consoleRequest(app, cookie, 'PATCH', `/api/v1/events/${eventId}`, { ticket_code_exact_case: true });
    expect((await dataOf(patched)).ticket_code_exact_case).toBe(true);
    expect(await dataOf(await importJson({ attendees: [{ ticket_code: 'x-2' }, { ticket_code: 'hlf-1' }] }))).toMatchObject({ inserted: 2 });
    expect(await countRows(t, eventId)).toBe(4);

    // Back to matching without case: refused while such codes are stored.
    const back = await consoleRequest(app, cookie, 'PATCH', `/api/v1/events/${eventId}`, { ticket_code_exact_case: false });
    expect(back.status).toBe(400);
    expect((await errorOf(back)).message).toBe(
      'Invalid body: ticket_code_exact_case: the event holds ticket codes that differ only by case (HLF-1 and hlf-1; X-2 and x-2), which a door could not tell apart',
    );
  });

  it('refuses bad files with the line, column and reason, writing nothing', async () => {
    const { importCsv, importJson, app, cookie, path, eventId } = await setup(t);
    const cases: Array<[string, Record<string, unknown>]> = [
      [`${HEADER}\nB-1,A,B,a@example.test,,,\nB-2,C,D,not-an-email,,,\n`, { line: 3, row: 2, column: 'email' }],
      [`${HEADER}\nB-1,A,B,,,,\n,C,D,,,,\n`, { line: 3, column: 'ticket_code' }],
      [`${HEADER}\nB-1,A,B,,,,\nB-1,C,D,,,,\n`, { line: 3, column: 'ticket_code', reason: 'duplicate of the ticket code on line 2' }],
      [`${HEADER}\nB-1,A,B,,,two,\n`, { line: 2, column: 'allowed_checkins' }],
      [`${HEADER}\nB-1,A,B,,,1,lost\n`, { line: 2, column: 'status' }],
      [`${HEADER}\nB-1,A,B\n`, { line: 2, column: '(row)' }],
      [`ticket_code,name\nB-1,A\n`, { line: 1, column: 'name' }],
      [`first_name\nA\n`, { line: 1, column: 'ticket_code' }],
      [`${HEADER}\n`, { column: '(row)' }],
      [`${HEADER}\nB-1,"unterminated,B,,,,\n`, { column: '(row)' }],
    ];
    for (const [csv, details] of cases) {
      const res = await importCsv(csv);
      expect(res.status, csv).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('validation_failed');
      expect(error.details, csv).toMatchObject(details);
      expect(error.message).toMatch(/Nothing was imported/);
    }
    expect(await countRows(t, eventId)).toBe(0);
    const wrongType = await app.request(`${path}/import`, {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost', 'content-type': 'application/xml' },
      body: '<a/>',
    });
    expect(wrongType.status).toBe(415);
    const malformed = await consoleRequest(app, cookie, 'POST', `${path}/import`, '{"attendees": [', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe('invalid_json');
    expect((await importJson({ attendees: [] })).status).toBe(400);
  });

  it('lists and searches by name, email and code prefix with keyset paging', async () => {
    const { importCsv, app, cookie, path } = await setup(t);
    const rows = [HEADER];
    for (let i = 0; i < 25; i++) rows.push(`S-${String(i).padStart(3, '0')},First${i},${i % 2 ? 'Smith' : 'Jones'},p${i}@example.test,GA,,`);
    rows.push('ZZ-1,Émile,Zola,emile@example.test,VIP,,');
    await dataOf(await importCsv(rows.join('\n')));
    const get = async (qs: string) =>
      dataOf<{ attendees: Array<{ ticket_code: string; last_name: string; ticket_type: string }>; next_cursor: string | null }>(
        await consoleRequest(app, cookie, 'GET', `${path}?${qs}`),
      );

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof get>> = await get(`limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.attendees.map((a) => a.ticket_code));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(26);
    expect(new Set(seen).size).toBe(26);

    expect((await get('q=smi')).attendees.every((a) => a.last_name === 'Smith')).toBe(true);
    expect((await get('q=smi')).attendees).toHaveLength(12);
    expect((await get('q=zz-')).attendees.map((a) => a.ticket_code)).toEqual(['ZZ-1']);
    expect((await get('q=EMILE@')).attendees.map((a) => a.ticket_code)).toEqual(['ZZ-1']);
    expect((await get('q=émile zo')).attendees[0]).toMatchObject({ ticket_code: 'ZZ-1', ticket_type: 'VIP' });
    expect((await get('q=%25')).attendees).toHaveLength(0);
    const badCursor = await consoleRequest(app, cookie, 'GET', `${path}?cursor=garbage`);
    expect(badCursor.status).toBe(400);
    expect((await consoleRequest(app, cookie, 'GET', `${path}?limit=100000`)).status).toBe(400);
  });
});

describe('large imports (postgres)', () => {
  const t = useTestDatabase('postgres');
  let s: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    s = await setup(t);
  });

  function bigCsv(rows: number, badLine?: number): string {
    const lines = [HEADER];
    for (let i = 0; i < rows; i++) {
      const line = i + 2;
      const email = line === badLine ? 'broken-email' : `guest${i}@example.test`;
      lines.push(`T${i.toString().padStart(6, '0')},Guest,Number ${i},${email},${i % 10 === 0 ? 'VIP' : 'GA'},,`);
    }
    return `${lines.join('\n')}\n`;
  }

  it('a bad row at line 73,412 fails the 100k import, names the line and writes nothing', async () => {
    const res = await s.importCsv(bigCsv(100_000, 73_412));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.details).toMatchObject({ line: 73_412, row: 73_411, column: 'email', reason: 'must be an email address' });
    expect(error.message).toContain('Line 73412');
    expect(await countRows(t, s.eventId)).toBe(0);
    const types = await t().database.db.select().from(ticketTypes).where(eq(ticketTypes.eventId, s.eventId));
    expect(types).toHaveLength(0);
  });

  it('imports 100,000 rows in one go, then re-imports them as unchanged', async () => {
    const csv = bigCsv(100_000);
    expect(await dataOf(await s.importCsv(csv))).toEqual({ inserted: 100_000, updated: 0, unchanged: 0, ticket_types_created: 2 });
    expect(await countRows(t, s.eventId)).toBe(100_000);
    expect(await dataOf(await s.importCsv(csv))).toEqual({ inserted: 0, updated: 0, unchanged: 100_000, ticket_types_created: 0 });
  });

  it('refuses more than 100,000 rows', async () => {
    const res = await s.importCsv(bigCsv(100_001));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).details).toMatchObject({ line: 100_002, row: 100_001 });
  });
});
