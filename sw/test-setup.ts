// Test helpers for the phone's storage: a fresh fake-indexeddb database signed in to a
// small event, so service-worker logic runs in Node exactly as it does in the browser.
import 'fake-indexeddb/auto';

const randomUUID = () => crypto.randomUUID();
import type { PhoneAttendee } from '../shared/protocol/attendees-delta.ts';
import type { MobileLoginResponse } from '../shared/protocol/login.ts';
import { applyAttendees } from '../phone/attendees.ts';
import { FastCheckDb } from '../phone/database.ts';
import { saveSession } from '../phone/session.ts';

export const ids = { event: randomUUID(), main: randomUUID(), vip: randomUUID(), ga: randomUUID(), vipType: randomUUID() };

export function login(overrides: Partial<MobileLoginResponse> = {}): MobileLoginResponse {
  return {
    token: 'token-1',
    expires_at: '2030-01-01T00:00:00Z',
    device_id: randomUUID(),
    role: 'door',
    entrance_id: ids.main,
    event: {
      id: ids.event,
      name: 'Night',
      location: 'Club',
      timezone: 'Europe/London',
      starts_at: null,
      ends_at: null,
      reentry_allowed: false,
      ticket_code_exact_case: false,
      doors_open_minutes_before: 120,
      rehearsal: false,
    },
    entrances: [
      { id: ids.main, name: 'Main', allowed_ticket_type_ids: [], opens_at: null, closes_at: null },
      { id: ids.vip, name: 'VIP', allowed_ticket_type_ids: [ids.vipType], opens_at: null, closes_at: null },
    ],
    ticket_types: [
      { id: ids.ga, name: 'General', checkins_allowed: 1 },
      { id: ids.vipType, name: 'VIP', checkins_allowed: 1 },
    ],
    ...overrides,
  };
}

export function attendee(code: string, overrides: Partial<PhoneAttendee> = {}): PhoneAttendee {
  return {
    ticket_code: code,
    first_name: 'Ana',
    last_name: 'Garcia',
    email: `${code.toLowerCase()}@example.org`,
    ticket_type_id: ids.ga,
    checkins_allowed: 1,
    checkins_used: 0,
    inside: false,
    status: 'valid',
    change_seq: 1,
    ...overrides,
  };
}

export async function signedInDb(attendees: PhoneAttendee[] = [], loginOverrides: Partial<MobileLoginResponse> = {}): Promise<FastCheckDb> {
  const db = new FastCheckDb(`test-${randomUUID()}`);
  await saveSession(login(loginOverrides), 'http://phone.test', db);
  await applyAttendees(attendees, db);
  return db;
}
