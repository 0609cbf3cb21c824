import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { PhoneRules } from '../shared/protocol/attendees-delta.ts';
import type { MobileLoginResponse } from '../shared/protocol/login.ts';
import { FastCheckDb } from './database.ts';
import { applyRules, chooseEntrance, getSession, saveSession } from './session.ts';

const GA = '00000000-0000-4000-8000-0000000000a1';
const VIP = '00000000-0000-4000-8000-0000000000a2';
const MAIN = '00000000-0000-4000-8000-0000000000e1';
const SIDE = '00000000-0000-4000-8000-0000000000e2';

const rules = (over: Partial<PhoneRules> = {}): PhoneRules => ({
  event: {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'Night',
    location: '',
    timezone: 'UTC',
    starts_at: null,
    ends_at: null,
    reentry_allowed: false,
    ticket_code_exact_case: false,
    doors_open_minutes_before: 120,
    rehearsal: false,
  },
  entrances: [
    { id: MAIN, name: 'Main', allowed_ticket_type_ids: [], opens_at: null, closes_at: null },
    { id: SIDE, name: 'Side', allowed_ticket_type_ids: [GA], opens_at: null, closes_at: null },
  ],
  ticket_types: [
    { id: GA, name: 'General', checkins_allowed: 1 },
    { id: VIP, name: 'VIP', checkins_allowed: 1 },
  ],
  ...over,
});

async function signedIn(entranceId: string, bound = false) {
  const db = new FastCheckDb(`rules-${crypto.randomUUID()}`);
  const login: MobileLoginResponse = {
    token: 'tok',
    expires_at: '2026-07-12T00:00:00.000Z',
    device_id: '00000000-0000-4000-8000-0000000000d1',
    role: 'door',
    entrance_id: bound ? entranceId : null,
    ...rules(),
    rules_version: 3,
  };
  await saveSession(login, 'http://x', db);
  if (!bound) await chooseEntrance(entranceId, db);
  return db;
}

describe('new rules from a delta sync', () => {
  it('replace the stored ones the service worker decides by, with their version', async () => {
    const db = await signedIn(MAIN);
    const next = rules();
    next.event.reentry_allowed = true;
    next.entrances[0].closes_at = '2026-07-11T02:00:00.000Z';
    expect(await applyRules('tok', next, 4, db)).toBeNull();
    const s = (await getSession(db))!;
    expect(s).toMatchObject({ rules_version: 4, scanning_entrance_id: MAIN, rules_notice: null });
    expect(s.event.reentry_allowed).toBe(true);
    expect(s.entrances[0].closes_at).toBe('2026-07-11T02:00:00.000Z');
  });

  it('let go of a removed entrance, bound or chosen, and say so', async () => {
    for (const bound of [false, true]) {
      const db = await signedIn(SIDE, bound);
      const notice = await applyRules('tok', rules({ entrances: rules().entrances.slice(0, 1) }), 4, db);
      expect(notice).toEqual({ kind: 'entrance_removed', entrance: 'Side' });
      expect(await getSession(db)).toMatchObject({ scanning_entrance_id: null, entrance_id: null, rules_notice: notice });
      await chooseEntrance(MAIN, db);
      expect(await getSession(db)).toMatchObject({ scanning_entrance_id: MAIN, rules_notice: null });
    }
  });

  it('say which ticket types a retyped entrance now admits', async () => {
    const db = await signedIn(SIDE);
    const next = rules();
    next.entrances[1].allowed_ticket_type_ids = [VIP, GA];
    const admits = { kind: 'entrance_admits', entrance: 'Side', ticket_types: ['VIP', 'General'] };
    expect(await applyRules('tok', next, 4, db)).toEqual(admits);
    // The same types in another order are no change; the notice not yet seen stays.
    next.entrances[1].allowed_ticket_type_ids = [GA, VIP];
    expect(await applyRules('tok', next, 5, db)).toBeNull();
    expect((await getSession(db))!.rules_notice).toEqual(admits);
    next.entrances[1].allowed_ticket_type_ids = [];
    expect(await applyRules('tok', next, 6, db)).toEqual({ kind: 'entrance_admits', entrance: 'Side', ticket_types: [] });
    // A type the rules do not name is kept as unknown (null), for the page to word.
    next.entrances[1].allowed_ticket_type_ids = [VIP, '99999999-9999-4999-8999-999999999999'];
    expect(await applyRules('tok', next, 7, db)).toEqual({ kind: 'entrance_admits', entrance: 'Side', ticket_types: ['VIP', null] });
  });

  it('keep a notice stored in English by an older version of the app until it is seen', async () => {
    const db = await signedIn(MAIN);
    await db.session.update('current', { rules_notice: 'Main now admits VIP' });
    expect(await applyRules('tok', rules(), 4, db)).toBeNull();
    expect((await getSession(db))!.rules_notice).toBe('Main now admits VIP');
  });

  it('are dropped when the session they were fetched for has been replaced', async () => {
    const db = await signedIn(MAIN);
    expect(await applyRules('old-token', rules({ entrances: [] }), 9, db)).toBeNull();
    expect(await getSession(db)).toMatchObject({ rules_version: 3, scanning_entrance_id: MAIN });
  });
});
