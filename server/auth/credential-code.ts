// Scanner credential codes: typed by people at a door, so drawn from an alphabet with
// no look-alikes (no 0/O, 1/I/L), grouped for reading, compared without case or dashes.
// Only the SHA-256 of the normalised code is stored: codes carry ~70 bits of entropy,
// so a fast hash is enough and lookups stay an index probe.
import { createHash, randomInt } from 'node:crypto';

export const CREDENTIAL_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const GROUPS = 3;
const GROUP_LENGTH = 5;

/** E.g. `K7QX4-MZ9RT-3HWPA`: 15 symbols from a 31-letter alphabet (~74 bits). */
export function generateCredentialCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let s = '';
    for (let i = 0; i < GROUP_LENGTH; i++) s += CREDENTIAL_ALPHABET[randomInt(CREDENTIAL_ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

/** What a person typed → the canonical form: upper case, no spaces or dashes. */
export function normalizeCredentialCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function hashCredentialCode(input: string): string {
  return createHash('sha256').update(normalizeCredentialCode(input)).digest('hex');
}
