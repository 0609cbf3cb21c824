import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyAttendees, getAttendee, searchAttendees } from '../phone/attendees.ts';
import { decideLocally } from './local-decision.ts';
import { attendee, signedInDb } from './test-setup.ts';

describe('attendee cache', () => {
  it('finds people by name, email or code prefix, several words at once', async () => {
    const db = await signedInDb([
      attendee('AAA-1', { first_name: 'Ana', last_name: 'Garcia', email: 'ana@example.org' }),
      attendee('BBB-2', { first_name: 'Bruno', last_name: 'Anand', email: 'bruno@example.org' }),
      attendee('CCC-3', { first_name: 'Carla', last_name: 'Costa', email: 'cc@example.org' }),
    ]);
    const names = async (q: string) => (await searchAttendees(q, db)).map((a) => a.ticket_code);
    expect(await names('an')).toEqual(['BBB-2', 'AAA-1']);
    expect(await names('ana gar')).toEqual(['AAA-1']);
    expect(await names('cc@')).toEqual(['CCC-3']);
    expect(await names('bbb')).toEqual(['BBB-2']);
    expect(await names('  ')).toEqual([]);
  });

  it('does not let a delta undo an admission still waiting in the outbox', async () => {
    const db = await signedInDb([attendee('AAA-1')]);
    await decideLocally({ scan_id: crypto.randomUUID(), ticket_code: 'AAA-1', direction: 'in' }, new Date(), db);
    await applyAttendees([attendee('AAA-1', { first_name: 'Anna', change_seq: 2 })], db);
    expect(await getAttendee('AAA-1', db)).toMatchObject({ first_name: 'Anna', checkins_used: 1, inside: true });
  });
});
