// Doors, attention reasons and rule notices are stored as codes in phone/ and worded here, in
// the door's language; text stored in English by older versions of the app is shown as it is.
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale, setTimeZone } from '../i18n/index.ts';
import { attentionDetail, doorText, rulesNoticeText } from './attention-text.ts';

afterEach(() => {
  setLocale('en');
  setTimeZone(null);
});

const first = { at: '2026-07-10T17:00:00.000Z', entrance: 'Main', device: 'Door A' };

describe('doorText', () => {
  it('names this door, another, a named one and Tickera, in English and German', () => {
    setLocale('en');
    expect(doorText({ kind: 'this_door' })).toBe('this door');
    expect(doorText({ kind: 'other_door', entrance: 'Main', device: 'Door B' })).toBe('Main by Door B');
    expect(doorText({ kind: 'other_door', entrance: null, device: 'Door B' })).toBe('Door B');
    expect(doorText({ kind: 'other_door', entrance: null, device: null })).toBe('another door');
    expect(doorText({ kind: 'tickera' })).toBe('Tickera');
    setLocale('de');
    expect(doorText({ kind: 'this_door' })).toBe('diese Tür');
    expect(doorText({ kind: 'other_door', entrance: 'Main', device: 'Door B' })).toBe('Eingang Main · Door B');
    expect(doorText({ kind: 'other_door', entrance: null, device: null })).toBe('eine andere Tür');
  });
});

describe('attentionDetail', () => {
  it('words conflicts from their first scan or server verdict, in the event zone', () => {
    setTimeZone('Europe/Amsterdam');
    setLocale('en');
    expect(attentionDetail({ code: 'conflict_already', first_scan: first })).toBe(
      'Admitted offline, but already checked in at 19:00 at Main by Door A: review',
    );
    expect(attentionDetail({ code: 'conflict_server', server_verdict: 'cancelled' })).toBe('Admitted offline, but server says cancelled: review');
    setLocale('de');
    expect(attentionDetail({ code: 'conflict_already', first_scan: first })).toContain('um 19:00 · Eingang Main · Door A');
    expect(attentionDetail({ code: 'conflict_server', server_verdict: 'cancelled' })).toContain('storniert');
  });

  it('words upload refusals by code and field; an old row keeps its stored message', () => {
    const refused = (error_code: string | null, field: string | null = null) =>
      attentionDetail({ code: 'upload_refused', error_code, field, message: 'ticket code too long' });
    setLocale('en');
    expect(refused('validation_failed', 'ticket_code')).toBe('The server did not take this scan: the ticket code is not valid');
    expect(refused('conflict')).toBe('The server did not take this scan: another scan has the same id');
    expect(refused('rate_limited')).toBe('The server did not take this scan (rate_limited)');
    expect(refused(null)).toBe('ticket code too long');
    setLocale('de');
    expect(refused('validation_failed', 'ticket_code')).toBe('Vom Server nicht angenommen: Der Ticketcode ist ungültig');
    expect(refused('validation_failed', 'entrance_id')).toBe('Vom Server nicht angenommen: Den Eingang dieser Tür gibt es in der Veranstaltung nicht');
    expect(refused(null)).toBe('ticket code too long');
  });
});

describe('rulesNoticeText', () => {
  it('words a removed or retyped entrance; an old English notice is shown as it is', () => {
    setLocale('en');
    expect(rulesNoticeText({ kind: 'entrance_removed', entrance: 'Side' })).toBe('Side was removed: choose another entrance');
    expect(rulesNoticeText({ kind: 'entrance_admits', entrance: 'Side', ticket_types: ['VIP', null] })).toBe('Side now admits VIP, unknown type');
    expect(rulesNoticeText({ kind: 'entrance_admits', entrance: 'Side', ticket_types: [] })).toBe('Side now admits every ticket type');
    setLocale('de');
    expect(rulesNoticeText({ kind: 'entrance_removed', entrance: 'Side' })).toBe('Eingang Side wurde entfernt: bitte einen anderen Eingang wählen');
    expect(rulesNoticeText({ kind: 'entrance_admits', entrance: 'Side', ticket_types: ['VIP', 'General'] })).toBe('Eingang Side lässt jetzt VIP, General ein');
    expect(rulesNoticeText({ kind: 'entrance_admits', entrance: 'Side', ticket_types: [] })).toBe('Eingang Side lässt jetzt alle Ticketarten ein');
    expect(rulesNoticeText('Side now admits VIP')).toBe('Side now admits VIP');
  });
});
