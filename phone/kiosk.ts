// Kiosk mode of this phone (a self-scan stand): whether it is on, and the supervisor's PIN that
// leaves it. Kept in the meta table under a `setting:` key, so a reload keeps the stand locked;
// the PIN is never stored, only a salted PBKDF2 hash of it.
import { SETTING_PREFIX } from './device-settings.ts';
import { database, type FastCheckDb } from './database.ts';

const KIOSK = `${SETTING_PREFIX}kiosk_pin`;
const FAILURES = `${SETTING_PREFIX}kiosk_failures`;
const ITERATIONS = 100_000;
/** After this many wrong PINs in a row, one try per LOCK_MS: guessing a 4-digit PIN takes hours. */
export const FREE_TRIES = 5;
export const LOCK_MS = 30_000;

interface StoredPin {
  salt: string;
  hash: string;
}

const hex = (bytes: ArrayBuffer | Uint8Array) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (s: string): Uint8Array<ArrayBuffer> => new Uint8Array((s.match(/../g) ?? []).map((h) => Number.parseInt(h, 16)));

async function hashPin(pin: string, salt: Uint8Array<ArrayBuffer>): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: ITERATIONS }, key, 256);
  return hex(bits);
}

/** A PIN staff can type on a stand: 4 to 8 digits. */
export function validKioskPin(pin: string): boolean {
  return /^\d{4,8}$/.test(pin);
}

export async function isKioskOn(db: FastCheckDb = database()): Promise<boolean> {
  return (await db.meta.get(KIOSK)) !== undefined;
}

export async function turnKioskOn(pin: string, db: FastCheckDb = database()): Promise<void> {
  if (!validKioskPin(pin)) throw new Error('The PIN must be 4 to 8 digits');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const stored: StoredPin = { salt: hex(salt), hash: await hashPin(pin, salt) };
  await db.meta.put({ key: KIOSK, value: JSON.stringify(stored) });
}

export type LeaveResult = { left: true } | { left: false; lockedForMs: number };

/**
 * Leaves kiosk mode when `pin` is the one it was turned on with. Wrong PINs are counted on the
 * phone (a reload does not reset them); after FREE_TRIES in a row, a try within LOCK_MS of the
 * last wrong one is not even checked.
 */
export async function leaveKiosk(pin: string, db: FastCheckDb = database(), now = Date.now()): Promise<LeaveResult> {
  const [row, failuresRow] = await db.meta.bulkGet([KIOSK, FAILURES]);
  if (!row) return { left: true };
  const failures = failuresRow ? (JSON.parse(failuresRow.value) as { count: number; last: number }) : { count: 0, last: 0 };
  const wait = failures.count >= FREE_TRIES ? failures.last + LOCK_MS - now : 0;
  if (wait > 0) return { left: false, lockedForMs: wait };
  const stored = JSON.parse(row.value) as StoredPin;
  if ((await hashPin(pin, fromHex(stored.salt))) !== stored.hash) {
    const count = failures.count + 1;
    await db.meta.put({ key: FAILURES, value: JSON.stringify({ count, last: now }) });
    return { left: false, lockedForMs: count >= FREE_TRIES ? LOCK_MS : 0 };
  }
  await db.meta.bulkDelete([KIOSK, FAILURES]);
  return { left: true };
}
