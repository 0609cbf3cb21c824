// Codes as people scan and type them, decided on the phone as the server decides them.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { findTicket, getAttendee } from '../phone/attendees.ts';
import { oldestPending } from '../phone/outbox.ts';
import { decideLocally } from './local-decision.ts';
import { recordOnlineResult } from './online-result.ts';
import { attendee, login, signedInDb } from './test-setup.ts';

const scan = (code: string) => ({ scan_id: crypto.randomUUID(), ticket_code: code, direction: 'in' as const });
const at = new Date('2026-07-10T18:42:00Z');
const exactCase = { event: { ...login().event, ticket_code_exact_case: true } };

describe('ticket codes on the phone', () => {
  it('admits a lower-case code for its upper-case ticket once, and queues the ticket’s own code', async () => {
    const db = await signedInDb([attendee('HLF-00013-1')]);
    expect(await decideLocally(scan('hlf-00013-1'), at, db)).toMatchObject({ verdict: 'accepted', attendee: { name: 'Ana Garcia' } });
    expect(await decideLocally(scan('Hlf-00013-1'), at, db)).toMatchObject({ verdict: 'already_checked_in' });
    expect((await getAttendee('HLF-00013-1', db))?.checkins_used).toBe(1);
    expect((await oldestPending(10, db)).map((q) => q.scan.ticket_code)).toEqual(['HLF-00013-1', 'HLF-00013-1']);
  });

  it('reads the code out of a link', async () => {
    const db = await signedInDb([attendee('HLF-00013-1'), attendee('HLF-00014-1')]);
    expect((await decideLocally(scan('https://shop.example.org/check?ticket=hlf-00013-1'), at, db)).verdict).toBe('accepted');
    expect((await decideLocally(scan('https://shop.example.org/t/HLF-00014-1'), at, db)).verdict).toBe('accepted');
  });

  it('an event that keeps exact case finds only the exact code', async () => {
    const db = await signedInDb([attendee('HLF-00013-1')], exactCase);
    expect((await decideLocally(scan('hlf-00013-1'), at, db)).verdict).toBe('unknown_ticket');
    expect(await findTicket('hlf-00013-1', db)).toBeUndefined();
    expect((await decideLocally(scan('HLF-00013-1'), at, db)).verdict).toBe('accepted');
  });

  it('two codes differing only by case match only exactly, as on the server', async () => {
    const db = await signedInDb([attendee('ABC-7', { first_name: 'Upper' }), attendee('AbC-7', { first_name: 'Mixed' })]);
    expect((await decideLocally(scan('abc-7'), at, db)).verdict).toBe('unknown_ticket');
    expect(await decideLocally(scan('AbC-7'), at, db)).toMatchObject({ verdict: 'accepted', attendee: { name: 'Mixed Garcia' } });
    expect((await findTicket('ABC-7', db))?.first_name).toBe('Upper');
  });

  it('an online answer to a lower-case code updates the ticket’s row', async () => {
    const db = await signedInDb([attendee('HLF-00013-1')]);
    const req = scan('hlf-00013-1');
    await recordOnlineResult(
      req,
      {
        scan_id: req.scan_id,
        verdict: 'accepted',
        message: 'Welcome, Ana Garcia',
        attendee: { name: 'Ana Garcia', ticket_type: 'General', checkins_used: 1, checkins_allowed: 1, inside: true },
        first_scan: null,
      },
      at,
      db,
    );
    expect(await getAttendee('HLF-00013-1', db)).toMatchObject({ checkins_used: 1, inside: true });
  });
});
