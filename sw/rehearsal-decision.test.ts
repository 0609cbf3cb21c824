// A rehearsing door: judged on the phone against the real list, never sent to the server,
// kept apart from the real admissions (no scan row, no outbox item, the ticket unused).
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { getAttendee } from '../phone/attendees.ts';
import { pendingCount } from '../phone/outbox.ts';
import { rehearsalAdmission } from '../phone/rehearsal.ts';
import { readResponse } from '../shared/api-answer.ts';
import { scanResultSchema } from '../shared/protocol/check-in.ts';
import { DECIDED_HEADER } from '../shared/protocol/headers.ts';
import { createCheckInInterceptor } from './check-in-interceptor.ts';
import { attendee, login, signedInDb } from './test-setup.ts';

const START = '2026-07-10T18:00:00Z';
const EVENT_ID = login().event.id;
const request = (code: string) =>
  new Request('http://phone.test/api/v1/check-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
    body: JSON.stringify({ scan_id: crypto.randomUUID(), ticket_code: code }),
  });

async function door(at: Date, rehearsal = true) {
  const clock = { now: at };
  const base = login();
  const db = await signedInDb([attendee('A'), attendee('B', { status: 'cancelled' })], {
    event: { ...base.event, starts_at: START, ends_at: '2026-07-11T02:00:00Z', doors_open_minutes_before: 60, rehearsal },
  });
  const sent: string[] = [];
  const server = (async (url: string) => {
    sent.push(url);
    return new Response(JSON.stringify({ data: { scan_id: crypto.randomUUID(), verdict: 'accepted', message: 'Welcome', attendee: null, first_scan: null } }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  const handle = createCheckInInterceptor({ fetch: server, now: () => clock.now, deadlineMs: () => 500, db: () => db });
  const scan = async (code: string) => {
    const res = await handle(request(code));
    return { decided: res.headers.get(DECIDED_HEADER), result: await readResponse(res, scanResultSchema) };
  };
  return { db, sent, scan, clock };
}

describe('rehearsal on the phone', () => {
  it('judges against the real list as at doors-open, keeps a second scan apart, and writes and sends nothing', async () => {
    const { db, sent, scan } = await door(new Date('2026-07-10T15:00:00Z'));
    const first = await scan('A');
    expect(first).toMatchObject({ decided: 'rehearsal', result: { verdict: 'accepted', rehearsal: true } });
    expect(await scan('a')).toMatchObject({ result: { verdict: 'already_checked_in', rehearsal: true } });
    expect((await scan('B')).result).toMatchObject({ verdict: 'cancelled', rehearsal: true });
    expect((await scan('NOPE')).result).toMatchObject({ verdict: 'unknown_ticket', rehearsal: true });
    expect(sent).toEqual([]);
    expect(await pendingCount(db)).toBe(0);
    expect(await db.scans.count()).toBe(0);
    expect(await getAttendee('A', db)).toMatchObject({ checkins_used: 0, inside: false });
  });

  it('ends by itself at doors-open: the scan goes to the server and counts', async () => {
    const { sent, scan } = await door(new Date('2026-07-10T17:00:00Z'));
    const real = await scan('A');
    expect(real.result.rehearsal).toBeUndefined();
    expect(sent).toHaveLength(1);
  });

  it('once doors open, the next scan forgets what the rehearsal admitted', async () => {
    const { db, clock, scan } = await door(new Date('2026-07-10T15:00:00Z'));
    await scan('A');
    expect(await rehearsalAdmission(EVENT_ID, 'A', db)).toBeDefined();
    clock.now = new Date('2026-07-10T17:00:00Z');
    expect((await scan('A')).result.rehearsal).toBeUndefined();
    await vi.waitFor(async () => expect(await db.meta.get(`rehearsal:${EVENT_ID}`)).toBeUndefined());
  });

  it('switched off, nothing changes before doors', async () => {
    const { sent, scan } = await door(new Date('2026-07-10T15:00:00Z'), false);
    await scan('A');
    expect(sent).toHaveLength(1);
  });
});
