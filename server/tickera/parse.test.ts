import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeEntities } from './entities.ts';
import {
  boolish,
  checkCredentialsSchema,
  checkInSchema,
  eventEssentialsSchema,
  numberish,
  recordDetails,
  ticketCheckinsSchema,
  ticketRecordSchema,
  ticketsPageSchema,
} from './parse.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

describe('Tickera answers, string-typed (current) and native-typed (pre-2024)', () => {
  it.each([
    [true, true],
    [1, true],
    ['1', true],
    ['true', true],
    [false, false],
    [0, false],
    ['', false],
    ['0', false],
    [null, false],
  ])('boolish %j → %s', (input, out) => {
    expect(boolish.parse(input)).toBe(out);
  });

  it('refuses a value that is neither true nor false', () => {
    expect(boolish.safeParse('maybe').success).toBe(false);
  });

  it('numbers arrive as numbers or numeric strings', () => {
    expect(numberish.parse('412')).toBe(412);
    expect(numberish.parse(995)).toBe(995);
    expect(numberish.parse('0.0213')).toBeCloseTo(0.0213);
    expect(numberish.safeParse('').success).toBe(false);
    expect(numberish.safeParse('N/A').success).toBe(false);
  });

  it('check_credentials: valid key, bad key, and the 2017 native form', () => {
    expect(checkCredentialsSchema.parse(fixture('check_credentials.json')).pass).toBe(true);
    expect(checkCredentialsSchema.parse(fixture('check_credentials_bad_key.json')).pass).toBe(false);
    expect(checkCredentialsSchema.parse({ pass: true, license_key: '', admin_email: 'a@b.c', tc_iw_is_pr: false }).pass).toBe(true);
  });

  it('event_essentials: counts from strings, the multi-event key, native numbers', () => {
    const e = eventEssentialsSchema.parse(fixture('event_essentials.json'));
    expect(e).toMatchObject({ sold_tickets: 10000, checked_tickets: 0, event_name: 'Lab Fest 2026', event_date_time: 'July 10, 2026 6:00 pm' });
    const multi = eventEssentialsSchema.parse(fixture('event_essentials_multi_event_key.json'));
    expect(multi).toMatchObject({ event_name: 'Multiple Events', event_date_time: 'N/A', sold_tickets: 10500 });
    expect(eventEssentialsSchema.parse({ sold_tickets: 995, checked_tickets: 3, pass: true, event_name: 'Gala &amp; Ball' }).event_name).toBe('Gala & Ball');
  });

  it('tickets_info: data items then the trailing additional element, results_count per page', () => {
    const page = ticketsPageSchema.parse(fixture('tickets_info_per_page_3_page_1.json'));
    expect(page.records).toHaveLength(3);
    expect(page.resultsCount).toBe(3);
    const first = ticketRecordSchema.parse(page.records[0]);
    expect(first).toMatchObject({ checksum: 'E3C8AF28A5-3', buyer_first: 'Donald', allowed_checkins: 1 });
    expect(recordDetails(first)).toEqual({ ticketType: 'General', email: 'alan.liskov1772@example.invalid' });
    expect(recordDetails(ticketRecordSchema.parse(page.records[2]))).toEqual({ ticketType: 'VIP', email: 'alan.liskov1772@example.invalid' });
  });

  it('the keyword form answers the same page (the keyword is ignored)', () => {
    const a = ticketsPageSchema.parse(fixture('tickets_info_keyword.json')).records.map((r) => r.checksum);
    const b = ticketsPageSchema.parse(fixture('tickets_info_per_page_3_page_1.json')).records.map((r) => r.checksum);
    expect(a).toEqual(b);
  });

  it('an empty page is only the additional element', () => {
    expect(ticketsPageSchema.parse([{ additional: { results_count: '0', execution_time: '0.1' } }])).toEqual({ records: [], resultsCount: 0 });
  });

  it('HTML entities in ticket types and names are decoded', () => {
    const r = ticketRecordSchema.parse({
      checksum: 'AB-1',
      buyer_first: 'Zo&euml;',
      buyer_last: 'O&#039;Neil',
      allowed_checkins: '99999',
      custom_fields: [
        ['Ticket Type', 'VIP &amp; Backstage &#8211; Friday'],
        ['Event', 'Gala'],
      ],
    });
    expect(r.buyer_first).toBe('Zoë');
    expect(r.buyer_last).toBe("O'Neil");
    expect(recordDetails(r).ticketType).toBe('VIP & Backstage – Friday');
    expect(r.allowed_checkins).toBe(99999);
  });

  it('localised labels are matched, and unknown labels fall back on position', () => {
    const nl = ticketRecordSchema.parse({
      checksum: 'X-1',
      allowed_checkins: 1,
      custom_fields: [
        ['Tickettype', 'Staanplaats'],
        ['Evenement', 'Feest'],
        ['Naam koper', 'Jan'],
        ['E-mail koper', 'jan@example.org'],
        ['E-mail deelnemer', 'lena@example.org'],
      ],
    });
    expect(recordDetails(nl)).toEqual({ ticketType: 'Staanplaats', email: 'lena@example.org' });
    const unknown = ticketRecordSchema.parse({
      checksum: 'X-2',
      allowed_checkins: 1,
      custom_fields: [
        ['Biljettyp', 'Ståplats'],
        ['Evenemang', 'Fest'],
        ['Köpare', 'Jan'],
        ['Köparens e-post', 'jan@example.org'],
      ],
    });
    expect(recordDetails(unknown)).toEqual({ ticketType: 'Ståplats', email: 'jan@example.org' });
  });

  it('a record without a code is refused, naming the field', () => {
    const r = ticketRecordSchema.safeParse({ checksum: '', allowed_checkins: '1' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['checksum']);
  });

  it('check_in: admitted, repeat (status ""), bare-string errors, offline timestamp', () => {
    expect(checkInSchema.parse(fixture('check_in_first_scan.json'))).toMatchObject({ kind: 'recorded', admitted: true, checksum: '6F8E739FF2-1' });
    expect(checkInSchema.parse(fixture('check_in_repeat_scan.json'))).toMatchObject({ kind: 'recorded', admitted: false });
    expect(checkInSchema.parse(fixture('check_in_unlimited_type_repeat.json'))).toMatchObject({ kind: 'recorded', admitted: true });
    expect(checkInSchema.parse(fixture('check_in_with_timestamp.json'))).toMatchObject({ kind: 'recorded', admitted: true });
    expect(checkInSchema.parse(fixture('check_in_unknown_code.json'))).toEqual({ kind: 'refused', message: 'Ticket does not exist' });
    expect(checkInSchema.parse(fixture('check_in_wrong_event_key.json'))).toMatchObject({ kind: 'refused' });
  });

  it('ticket_checkins: [] before, Pass and Fail after', () => {
    expect(ticketCheckinsSchema.parse(fixture('ticket_checkins_before.json'))).toEqual([]);
    expect(ticketCheckinsSchema.parse(fixture('ticket_checkins_after.json')).map((c) => c.status)).toEqual(['Pass', 'Fail']);
  });

  it('decodes numeric, hex and named entities once', () => {
    expect(decodeEntities('A &amp;amp; B &#x2013; &hellip; &unknown;')).toBe('A &amp; B – … &unknown;');
  });
});
