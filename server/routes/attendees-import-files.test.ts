// The files organisers actually have: semicolon-separated with Title Case headers (Excel in
// much of Europe), Tickera's own attendee export, and files with many bad lines.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { MAX_LISTED_PROBLEMS } from '../../shared/protocol/attendees-import.ts';
import { adminAudit, attendees, ticketTypeCounts, ticketTypes } from '../db/schema.ts';
import { dataOf } from '../organiser/console-test-kit.ts';
import { countRows, errorOf, HEADER, setupImport } from '../organiser/import-test-kit.ts';
import { dbKinds, useTestDatabase, type TestDatabase } from '../test/db.ts';

const rowsOf = async (t: () => TestDatabase, eventId: string) => {
  const types = await t().database.db.select().from(ticketTypes).where(eq(ticketTypes.eventId, eventId));
  const rows = await t().database.db.select().from(attendees).where(eq(attendees.eventId, eventId)).orderBy(attendees.ticketCode);
  return rows.map((r) => [
    r.ticketCode,
    r.firstName,
    r.lastName,
    r.email,
    types.find((x) => x.id === r.ticketTypeId)?.name ?? null,
    r.checkinsAllowed,
    r.status,
  ]);
};

describe.each(dbKinds)('importing the files people have over %s', (kind) => {
  const t = useTestDatabase(kind);

  it('reads a semicolon file with Title Case headers, quoted semicolons and a comma inside a name', async () => {
    const { importCsv, eventId } = await setupImport(t);
    const csv = [
      'Ticket Code;First Name;Last Name;E-Mail;Ticket Type;Allowed Check-ins;Status',
      'EU-1;Zoë;Müller, Jr.;zoe@example.test;Tagespass;2;Valid',
      'EU-2;"Jean; Luc";Picard;;Tagespass;;',
      'EU-3;Ada;Lovelace;ada@example.test;;;CANCELLED',
    ].join('\r\n');
    expect(await dataOf(await importCsv(csv))).toEqual({ inserted: 3, updated: 0, unchanged: 0, ticket_types_created: 1 });
    expect(await rowsOf(t, eventId)).toEqual([
      ['EU-1', 'Zoë', 'Müller, Jr.', 'zoe@example.test', 'Tagespass', 2, 'valid'],
      ['EU-2', 'Jean; Luc', 'Picard', '', 'Tagespass', 1, 'valid'],
      ['EU-3', 'Ada', 'Lovelace', 'ada@example.test', null, 1, 'cancelled'],
    ]);
  });

  it('reads a tab-separated file', async () => {
    const { importCsv, eventId } = await setupImport(t);
    expect(await dataOf(await importCsv('ticket_code\tfirst_name\nTAB-1\tTed\n'))).toMatchObject({ inserted: 1 });
    expect((await rowsOf(t, eventId))[0]).toEqual(['TAB-1', 'Ted', '', '', null, 1, 'valid']);
  });

  it("reads Tickera's attendee export: its columns placed, order status read, the rest named as ignored", async () => {
    const { importCsv, eventId } = await setupImport(t);
    const csv = [
      'Attendee First Name,Attendee Last Name,Attendee E-mail,Order Number,Order Status,Ticket Code,Ticket ID,Ticket Type,Buyer Email,Checked-in,T-Shirt Size',
      'Ann,Lee,ann@example.test,1041,Paid,6A1F-33K2,5521,VIP Pass,buyer@example.test,No,M',
      'Bob,Ray,,1042,Refunded,6A1F-33K3,5522,General,buyer@example.test,No,L',
      'Cy,Day,cy@example.test,1043,Pending / Received,6A1F-33K4,5523,General,buyer@example.test,Yes,',
    ].join('\n');
    expect(await dataOf(await importCsv(csv))).toEqual({
      inserted: 3,
      updated: 0,
      unchanged: 0,
      ticket_types_created: 2,
      ignored_columns: ['Order Number', 'Ticket ID', 'Buyer Email', 'Checked-in', 'T-Shirt Size'],
    });
    expect(await rowsOf(t, eventId)).toEqual([
      ['6A1F-33K2', 'Ann', 'Lee', 'ann@example.test', 'VIP Pass', 1, 'valid'],
      ['6A1F-33K3', 'Bob', 'Ray', '', 'General', 1, 'cancelled'],
      ['6A1F-33K4', 'Cy', 'Day', 'cy@example.test', 'General', 1, 'cancelled'],
    ]);
  });

  it('"vip pass" is the event\'s "VIP Pass": one ticket type, in the file and against the stored ones', async () => {
    const { importCsv, eventId } = await setupImport(t);
    const first = [HEADER, 'V-1,,,,VIP Pass,,', 'V-2,,,,vip pass,,', 'V-3,,,, VIP  PASS ,,', 'V-4,,,,general,,', 'V-5,,,,General,,'].join('\n');
    expect(await dataOf(await importCsv(first))).toMatchObject({ inserted: 5, ticket_types_created: 2 });
    expect(await dataOf(await importCsv([HEADER, 'V-6,,,,Vip Pass,,', 'V-7,,,,GENERAL,,'].join('\n')))).toMatchObject({ inserted: 2, ticket_types_created: 0 });
    const types = await t().database.db.select().from(ticketTypes).where(eq(ticketTypes.eventId, eventId));
    expect(types.map((x) => x.name).sort()).toEqual(['VIP Pass', 'general']);
    expect((await rowsOf(t, eventId)).map((r) => r[4])).toEqual(['VIP Pass', 'VIP Pass', 'VIP Pass', 'general', 'general', 'VIP Pass', 'general']);
  });

  it('re-importing the same codes from another spelling of the file updates them, never duplicates; counts and audit follow', async () => {
    const { importCsv, eventId } = await setupImport(t);
    const rows = (name: string) => Array.from({ length: 1500 }, (_, i) => `R-${i};${name};Guest ${i};;GA;;`);
    const first = await dataOf(await importCsv(['Ticket Code;First Name;Last Name;Email;Ticket Type;Allowed Check-ins;Status', ...rows('Ann')].join('\n')));
    expect(first).toEqual({ inserted: 1500, updated: 0, unchanged: 0, ticket_types_created: 1 });
    const second = await dataOf(await importCsv(['ticket_code;first_name;last_name;email;ticket_type;allowed_checkins;status', ...rows('Bea')].join('\n')));
    expect(second).toEqual({ inserted: 0, updated: 1500, unchanged: 0, ticket_types_created: 0 });
    expect(await countRows(t, eventId)).toBe(1500);
    const counts = await t().database.db.select().from(ticketTypeCounts).where(eq(ticketTypeCounts.eventId, eventId));
    expect(counts.reduce((n, c) => n + c.total, 0)).toBe(1500);
    const audits = await t().database.db.select().from(adminAudit).where(eq(adminAudit.action, 'attendees.import'));
    expect(audits.filter((a) => a.eventId === eventId)).toHaveLength(2);
  });

  it('lists every bad line (up to the bound, then how many more), says which statuses exist, and writes nothing', async () => {
    const { importCsv, eventId } = await setupImport(t);
    const lines = ['Ticket Code;Email;Status'];
    for (let i = 0; i < 150; i++) lines.push(i % 3 === 0 ? `M-${i};not-an-email;` : i % 3 === 1 ? `M-${i};;lost` : `M-${i};ok@example.test;valid`);
    lines.push('M-2;;', 'M-151;a;b;c');
    const res = await importCsv(lines.join('\n'));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    const details = error.details as { problems: Array<{ line: number; column: string; reason: string }>; more: number };
    expect(details.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(details.more).toBe(102 - MAX_LISTED_PROBLEMS);
    expect(details.problems.slice(0, 2)).toEqual([
      { line: 2, row: 1, column: 'email', reason: 'must be an email address' },
      { line: 3, row: 2, column: 'status', reason: expect.stringContaining('"lost" is not a status: use one of valid, cancelled, revoked') },
    ]);
    expect(error.message).toMatch(
      /^102 lines have problems\. Line 2, column email: must be an email address; Line 3, column status: .*; and 99 more\. Nothing was imported\.$/,
    );
    expect(await countRows(t, eventId)).toBe(0);

    const few = await errorOf(await importCsv(['Ticket Code;Email', 'A-1;x', 'A-1;', 'A-2;y;z'].join('\n')));
    expect((few.details as { problems: unknown[] }).problems).toEqual([
      { line: 2, row: 1, column: 'email', reason: 'must be an email address' },
      { line: 3, row: 2, column: 'ticket_code', reason: 'duplicate of the ticket code on line 2' },
      { line: 4, row: 3, column: '(row)', reason: 'the row does not have as many fields as the header' },
    ]);
  });

  it('refuses a header it cannot place with a 400 naming each column and what it accepts', async () => {
    const { importCsv, importJson } = await setupImport(t);
    const error = await errorOf(await importCsv('Ticket Code;Vorname;First Name;Shoe Size\nA;B;C;D\n'));
    expect(error.code).toBe('validation_failed');
    expect((error.details as { problems: Array<{ column: string }> }).problems.map((p) => p.column)).toEqual(['First Name', 'Shoe Size']);
    const json = await importJson({
      attendees: [
        { ticket_code: 'J-1', status: 'gone' },
        { ticket_code: 'J-2', email: 'x' },
      ],
    });
    expect(json.status).toBe(400);
    expect(((await errorOf(json)).details as { problems: Array<{ row: number; column: string }> }).problems.map((p) => [p.row, p.column])).toEqual([
      [1, 'status'],
      [2, 'email'],
    ]);
  });
});
