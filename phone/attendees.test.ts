import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { PhoneAttendee } from '../shared/protocol/attendees-delta.ts';
import { applyAttendees, searchAttendees } from './attendees.ts';
import { FastCheckDb } from './database.ts';
import { versionOneDatabase } from './test-kit.ts';

const person = (ticket_code: string, first_name: string, last_name: string, email = ''): PhoneAttendee => ({
  ticket_code,
  first_name,
  last_name,
  email,
  ticket_type_id: null,
  checkins_allowed: 1,
  checkins_used: 0,
  inside: false,
  status: 'valid',
  change_seq: 1,
});

const names = (rows: PhoneAttendee[]) => rows.map((a) => `${a.first_name} ${a.last_name}`);

describe('phone attendee search', () => {
  it('folds accents as the server does: "muller" finds Müller, "weiss" Weiß, "soren" Søren', async () => {
    const db = new FastCheckDb(`search-${crypto.randomUUID()}`);
    await applyAttendees(
      [
        person('A-1', 'Jürgen', 'Müller', 'jm@example.test'),
        person('A-2', 'Anna', 'Muller'),
        person('A-3', 'Søren', 'Weiß'),
        person('A-4', 'Zoë', 'Brown'),
        person('A-5', 'Ben', 'Mueller'),
      ],
      db,
    );
    expect(names(await searchAttendees('muller', db))).toEqual(['Anna Muller', 'Jürgen Müller']);
    expect(names(await searchAttendees('MÜLLER', db))).toEqual(['Anna Muller', 'Jürgen Müller']);
    expect(names(await searchAttendees('jurgen mu', db))).toEqual(['Jürgen Müller']);
    expect(names(await searchAttendees('weiss', db))).toEqual(['Søren Weiß']);
    expect(names(await searchAttendees('soren', db))).toEqual(['Søren Weiß']);
    expect(names(await searchAttendees('zoe', db))).toEqual(['Zoë Brown']);
    expect(names(await searchAttendees('a-4', db))).toEqual(['Zoë Brown']);
    db.close();
  });

  it('folds the rows a phone already held from an earlier version when it upgrades', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const old = versionOneDatabase(name);
    old.version(2).stores({ conflicts: 'scan_id, scanned_at' });
    await old.table('attendees').put({ ...person('OLD-1', 'Jürgen', 'Müller'), code_lc: 'old-1', first_lc: 'jürgen', last_lc: 'müller', email_lc: '' });
    old.close();
    const db = new FastCheckDb(name);
    expect(names(await searchAttendees('muller', db))).toEqual(['Jürgen Müller']);
    db.close();
  });
});
