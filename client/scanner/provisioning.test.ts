import { describe, expect, it } from 'vitest';
import { parseProvisioning } from './provisioning.ts';

const eventId = '7b1e7c1e-1f6a-4c1e-9a57-0e3c2f3b9a10';

describe('parseProvisioning', () => {
  it('reads the JSON payload and the URL form', () => {
    expect(parseProvisioning(JSON.stringify({ server: 'https://tickets.example.org/', event_id: eventId, credential: 'K7QX4-MZ9RT-3HWPA' }))).toEqual({
      server: 'https://tickets.example.org',
      event_id: eventId,
      credential: 'K7QX4-MZ9RT-3HWPA',
    });
    expect(parseProvisioning(`https://tickets.example.org/?event_id=${eventId}&credential=ABC`)?.credential).toBe('ABC');
  });

  it('refuses anything else', () => {
    expect(parseProvisioning('E3C8AF28A5-3')).toBeNull();
    expect(parseProvisioning('{"server":"x"}')).toBeNull();
    expect(parseProvisioning('{not json')).toBeNull();
    expect(parseProvisioning(JSON.stringify({ server: 'https://a.example', event_id: 'nope', credential: 'x' }))).toBeNull();
  });
});
