// Rehearsal admissions are kept while the door rehearses and forgotten once it sees the
// rehearsal over: doors open by the clock, or the organiser switched it off.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { MobileEvent } from '../shared/protocol/login.ts';
import { FastCheckDb } from './database.ts';
import { forgetEndedRehearsal, keepRehearsalAdmission, rehearsalAdmission } from './rehearsal.ts';

const EVENT_ID = '00000000-0000-4000-8000-000000000001';
const BEFORE_DOORS = new Date('2026-07-10T15:00:00Z');
const DOORS_OPEN = new Date('2026-07-10T17:00:00Z');

const session = (rehearsal: boolean): { event: MobileEvent } => ({
  event: {
    id: EVENT_ID,
    name: 'Night',
    location: '',
    timezone: 'UTC',
    starts_at: '2026-07-10T18:00:00.000Z',
    ends_at: null,
    reentry_allowed: false,
    ticket_code_exact_case: false,
    doors_open_minutes_before: 60,
    rehearsal,
  },
});

async function rehearsedDoor() {
  const db = new FastCheckDb(`rehearsal-${crypto.randomUUID()}`);
  await keepRehearsalAdmission(EVENT_ID, 'A', { checkins_used: 1, inside: true, scanned_at: BEFORE_DOORS.toISOString(), entrance_id: null }, db);
  await db.meta.put({ key: 'sound', value: 'on' });
  return db;
}

describe('rehearsal admissions on the phone', () => {
  it('are kept while the door still rehearses', async () => {
    const db = await rehearsedDoor();
    expect(await forgetEndedRehearsal(session(true), BEFORE_DOORS, db)).toBe(false);
    expect(await rehearsalAdmission(EVENT_ID, 'A', db)).toMatchObject({ checkins_used: 1 });
  });

  it('go once doors open, and nothing else in meta goes with them', async () => {
    const db = await rehearsedDoor();
    expect(await forgetEndedRehearsal(session(true), DOORS_OPEN, db)).toBe(true);
    expect(await rehearsalAdmission(EVENT_ID, 'A', db)).toBeUndefined();
    expect(await db.meta.get(`rehearsal:${EVENT_ID}`)).toBeUndefined();
    expect(await db.meta.get('sound')).toEqual({ key: 'sound', value: 'on' });
  });

  it('go when the organiser switches rehearsal off before doors', async () => {
    const db = await rehearsedDoor();
    expect(await forgetEndedRehearsal(session(false), BEFORE_DOORS, db)).toBe(true);
    expect(await rehearsalAdmission(EVENT_ID, 'A', db)).toBeUndefined();
  });

  it('with nothing kept, nothing is written', async () => {
    const db = new FastCheckDb(`rehearsal-${crypto.randomUUID()}`);
    expect(await forgetEndedRehearsal(session(false), DOORS_OPEN, db)).toBe(false);
    expect(await db.meta.count()).toBe(0);
  });
});
