// Password hashing with scrypt (node:crypto) and a per-user salt. The stored form
// names its parameters so they can be raised later without breaking old hashes.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

const N = 2 ** 17;
const r = 8;
const p = 1;
const KEYLEN = 32;
/** scrypt needs 128·N·r bytes; node's default cap (32 MiB) is below that at N=2^17. */
const maxmemFor = (n: number, rr: number) => 256 * n * rr;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEYLEN, { N, r, p, maxmem: maxmemFor(N, r) });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64url');
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(saltB64, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(rr),
    p: Number(pp),
    maxmem: maxmemFor(Number(n), Number(rr)),
  });
  return timingSafeEqual(key, expected);
}

/** True when a stored hash was made with weaker parameters than today's: rehash it on sign-in. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, rr, pp] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) < N || Number(rr) < r || Number(pp) < p;
}

/** A strong password a person can still copy: 24 characters, ~140 bits. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
