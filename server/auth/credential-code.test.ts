import { describe, expect, it } from 'vitest';
import { CREDENTIAL_ALPHABET, generateCredentialCode, hashCredentialCode, normalizeCredentialCode } from './credential-code.ts';

describe('credential codes', () => {
  it('are at least 10 symbols from an unambiguous alphabet', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateCredentialCode();
      const symbols = normalizeCredentialCode(code);
      expect(symbols.length).toBeGreaterThanOrEqual(10);
      for (const ch of symbols) expect(CREDENTIAL_ALPHABET).toContain(ch);
      expect(symbols).not.toMatch(/[01OIL]/);
    }
  });

  it('hash the same however a person types them', () => {
    const code = 'K7QX4-MZ9RT-3HWPA';
    expect(hashCredentialCode(' k7qx4 mz9rt 3hwpa ')).toBe(hashCredentialCode(code));
    expect(hashCredentialCode(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashCredentialCode(code)).not.toContain('K7QX4');
  });
});
