import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importRowSchema } from './attendees-import.ts';
import { quickImportRow } from './import-row-quick.ts';

/** The quick path may pass a row to the schema, but whatever it accepts the schema accepts, to the same value. */
const agrees = (values: unknown) => {
  const quick = quickImportRow(values);
  if (quick === undefined) return;
  const parsed = importRowSchema.safeParse(values);
  expect(parsed.success, JSON.stringify(values)).toBe(true);
  expect(quick).toStrictEqual(parsed.data);
};

describe('quickImportRow', () => {
  it.each([
    [{ ticket_code: 'A-1' }],
    [
      {
        ticket_code: '  A-1 ',
        first_name: ' Zoë ',
        last_name: 'Müller, Jr.',
        email: 'zoe@example.test',
        ticket_type: ' VIP ',
        allowed_checkins: ' 007 ',
        status: 'Paid',
      },
    ],
    [{ ticket_code: 'A-1', allowed_checkins: 0, status: 'CANCELLED' }],
    [{ ticket_code: 'A-1', allowed_checkins: '', email: '', status: '' }],
  ])('reads an ordinary row as the schema does: %j', (values) => {
    expect(quickImportRow(values)).toBeDefined();
    agrees(values);
  });

  it.each([
    [null],
    [['A-1']],
    [{}],
    [{ ticket_code: '   ' }],
    [{ ticket_code: 'A\u0007B' }],
    [{ ticket_code: 'x'.repeat(257) }],
    [{ ticket_code: 'A-1', first_name: 'x'.repeat(201) }],
    [{ ticket_code: 'A-1', first_name: 3 }],
    [{ ticket_code: 'A-1', email: 'not-an-email' }],
    [{ ticket_code: 'A-1', email: ' a@example.test' }],
    [{ ticket_code: 'A-1', email: null }],
    [{ ticket_code: 'A-1', email: `${'a'.repeat(250)}@example.test` }],
    [{ ticket_code: 'A-1', allowed_checkins: '1001' }],
    [{ ticket_code: 'A-1', allowed_checkins: '-1' }],
    [{ ticket_code: 'A-1', allowed_checkins: 1.5 }],
    [{ ticket_code: 'A-1', allowed_checkins: '1e3' }],
    [{ ticket_code: 'A-1', status: 'lost' }],
    [{ ticket_code: 'A-1', status: 1 }],
  ])('leaves a row the schema refuses to the schema: %j', (values) => {
    expect(quickImportRow(values)).toBeUndefined();
    expect(importRowSchema.safeParse(values).success).toBe(false);
  });

  it('never accepts what the schema refuses, nor reads a row otherwise (any values)', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('', ' ', 'valid', ' Paid ', 'refunded', 'lost', '0', '12', ' 1000 ', '1001', '-3', 'a@b.co', 'a@b', ' x@example.test', '\t'),
      fc.integer({ min: -5, max: 1005 }),
      fc.double(),
      fc.constant(null),
      fc.constant(undefined),
    );
    const row = fc.record(
      {
        ticket_code: cell,
        first_name: cell,
        last_name: cell,
        email: cell,
        ticket_type: cell,
        allowed_checkins: cell,
        status: cell,
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(row, agrees), { numRuns: 2000 });
  });
});
