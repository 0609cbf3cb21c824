import { describe, expect, it } from 'vitest';
import { decryptApiKey, encryptApiKey } from './key-crypto.ts';
import { redactKey } from './redact.ts';

const HEX = 'a'.repeat(64);
const EVENT = '7d334cc8-eeb0-408f-a605-98ef282263c8';

describe('Tickera API keys at rest', () => {
  it('round-trips, with a fresh IV every time and no plain text', () => {
    const a = encryptApiKey('C0FFEE42', HEX, EVENT);
    const b = encryptApiKey('C0FFEE42', HEX, EVENT);
    expect(a).not.toBe(b);
    expect(a.toLowerCase()).not.toContain('c0ffee42');
    expect(decryptApiKey(a, HEX, EVENT)).toBe('C0FFEE42');
  });

  it('refuses a tampered ciphertext, another event, or another key', () => {
    const c = encryptApiKey('C0FFEE42', HEX, EVENT);
    const parts = c.split('.');
    parts[3] = Buffer.from('XXXXXXXX').toString('base64url');
    expect(() => decryptApiKey(parts.join('.'), HEX, EVENT)).toThrow();
    expect(() => decryptApiKey(c, HEX, '00000000-0000-4000-8000-000000000000')).toThrow();
    expect(() => decryptApiKey(c, 'b'.repeat(64), EVENT)).toThrow();
    expect(() => encryptApiKey('x', 'short', EVENT)).toThrow(/64 hex/);
  });

  it('redacts the key in any case, URL-encoded, and whatever follows /tc-api/', () => {
    expect(redactKey('GET http://s/tc-api/C0FFEE42/check_in/A-1 failed', 'C0FFEE42')).toBe('GET http://s/tc-api/[redacted]/check_in/A-1 failed');
    expect(redactKey('key c0ffee42 and k%2By', 'k+y')).toBe('key c0ffee42 and [redacted]');
    expect(redactKey('see /tc-api/abc/x', undefined)).toBe('see /tc-api/[redacted]/x');
  });
});
