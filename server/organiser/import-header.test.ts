import { describe, expect, it } from 'vitest';
import { importStatusOf, ticketTypeKey } from '../../shared/protocol/import-columns.ts';
import { detectDelimiter, planHeader } from './import-header.ts';

describe('detectDelimiter', () => {
  it.each([
    ['ticket_code,first_name,last_name', ','],
    ['Ticket Code;First Name;Last Name', ';'],
    ['Ticket Code\tFirst Name\tEmail', '\t'],
    ['"Name; with semicolon",code,email', ','],
    ['ticket_code', ','],
    ['"Ticket Code";"Vorname, Rufname";"Nachname"', ';'],
  ])('%j → %j', (line, delimiter) => {
    expect(detectDelimiter(line)).toBe(delimiter);
  });
});

describe('planHeader', () => {
  it('places our names, Title Case and aliases whatever their case and spacing', () => {
    expect(planHeader(['Ticket Code', 'FIRST NAME', ' last_name ', 'E-Mail', 'Ticket Type', 'Allowed Check-ins', 'Status'])).toEqual({
      columns: ['ticket_code', 'first_name', 'last_name', 'email', 'ticket_type', 'allowed_checkins', 'status'],
      ignored: [],
    });
  });

  it('reads a Tickera export: its columns placed, the others (custom fields too) read past and named', () => {
    const header = [
      'Attendee First Name',
      'Attendee Last Name',
      'Attendee E-mail',
      'Order Number',
      'Order Status',
      'Ticket Code',
      'Ticket ID',
      'Ticket Type',
      'Buyer Email',
      'Checked-in',
      'T-shirt size',
    ];
    expect(planHeader(header)).toEqual({
      columns: ['first_name', 'last_name', 'email', false, 'status', 'ticket_code', false, 'ticket_type', false, false, false],
      ignored: ['Order Number', 'Ticket ID', 'Buyer Email', 'Checked-in', 'T-shirt size'],
    });
  });

  it('lists every problem of a header at once: unknown, twice named, no ticket code', () => {
    const plan = planHeader(['First Name', 'Vorname', 'shoe size', '']);
    expect('problems' in plan && plan.problems.map((p) => [p.column, p.reason.split(';')[0]])).toEqual([
      ['Vorname', 'names the same column as "First Name" (first_name)'],
      ['shoe size', 'unknown column'],
      ['(empty)', 'unknown column'],
      ['ticket_code', expect.stringContaining('"Ticket Code"')],
    ]);
  });
});

describe('import values', () => {
  it('reads statuses in any case and Tickera order statuses; refuses others', () => {
    expect(['', 'valid', 'Cancelled', ' REVOKED ', 'Paid', 'Refunded', 'Fraud Detected', 'Pending / Received', 'order_paid'].map(importStatusOf)).toEqual([
      'valid',
      'valid',
      'cancelled',
      'revoked',
      'valid',
      'cancelled',
      'cancelled',
      'cancelled',
      'valid',
    ]);
    expect(importStatusOf('lost')).toBeUndefined();
  });

  it('matches ticket type names without case or extra spaces', () => {
    expect(ticketTypeKey(' vip  pass ')).toBe(ticketTypeKey('VIP Pass'));
    expect(ticketTypeKey('VIP')).not.toBe(ticketTypeKey('VIP Pass'));
  });
});
