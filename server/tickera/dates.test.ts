import { describe, expect, it } from 'vitest';
import { readTickeraDate } from './dates.ts';

const brussels = { iana: 'Europe/Brussels' };
const exact = (s: string, zone: Parameters<typeof readTickeraDate>[1]) => {
  const r = readTickeraDate(s, zone);
  if (r.kind !== 'exact') throw new Error(`not exact: ${r.reason}`);
  return r.at.toISOString();
};

describe('event_date_time read in the site timezone', () => {
  it.each([
    ['July 10, 2026 6:00 pm', '2026-07-10T16:00:00.000Z'],
    ['July 10, 2026 - 6:00 PM', '2026-07-10T16:00:00.000Z'],
    ['10 July 2026 18:00', '2026-07-10T16:00:00.000Z'],
    ['2026-07-10 18:00', '2026-07-10T16:00:00.000Z'],
    ['10 juli 2026 - 18:00', '2026-07-10T16:00:00.000Z'],
    ['10. Juli 2026 18:00', '2026-07-10T16:00:00.000Z'],
    ['10.07.2026 18:00', '2026-07-10T16:00:00.000Z'],
    ['8th March 2017 12:15 am', '2017-03-07T23:15:00.000Z'],
    ['December 1, 2026 12:00 pm', '2026-12-01T11:00:00.000Z'],
    ['13/07/2026 18:00', '2026-07-13T16:00:00.000Z'],
  ])('%s', (input, iso) => {
    expect(exact(input, brussels)).toBe(iso);
  });

  it('a fixed gmt_offset works when timezone_string is empty', () => {
    expect(exact('July 10, 2026 6:00 pm', { offsetHours: 5.5 })).toBe('2026-07-10T12:30:00.000Z');
  });

  it('day/month ambiguity asks the organiser, offering both', () => {
    const r = readTickeraDate('07/10/2026 6:00 pm', brussels);
    expect(r.kind).toBe('needs_confirmation');
    expect(r.kind === 'needs_confirmation' && r.candidates.map((d) => d.toISOString())).toEqual(['2026-07-10T16:00:00.000Z', '2026-10-07T16:00:00.000Z']);
  });

  it('an unknown timezone, a missing time, N/A and nonsense all need confirmation', () => {
    expect(readTickeraDate('July 10, 2026 6:00 pm', {}).kind).toBe('needs_confirmation');
    expect(readTickeraDate('July 10, 2026', brussels).kind).toBe('needs_confirmation');
    expect(readTickeraDate('N/A', brussels).kind).toBe('needs_confirmation');
    expect(readTickeraDate('soon', brussels)).toMatchObject({ kind: 'needs_confirmation', candidates: [] });
    expect(readTickeraDate('February 30, 2026 6:00 pm', brussels)).toMatchObject({ kind: 'needs_confirmation', candidates: [] });
  });
});
