import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { FastCheckDb } from './database.ts';
import { FREE_TRIES, isKioskOn, LOCK_MS, leaveKiosk, turnKioskOn, validKioskPin } from './kiosk.ts';
import { clearDevice } from './session.ts';

describe('kiosk mode', () => {
  it('keeps only a salted hash of the PIN, and leaves only with that PIN', async () => {
    const db = new FastCheckDb(`kiosk-${crypto.randomUUID()}`);
    expect(await isKioskOn(db)).toBe(false);
    await turnKioskOn('482913', db);
    expect(await isKioskOn(db)).toBe(true);
    const stored = JSON.stringify(await db.meta.toArray());
    expect(stored).not.toContain('482913');
    expect(await leaveKiosk('000000', db)).toEqual({ left: false, lockedForMs: 0 });
    expect(await isKioskOn(db)).toBe(true);
    expect(await leaveKiosk('482913', db)).toEqual({ left: true });
    expect(await isKioskOn(db)).toBe(false);
  });

  it('after five wrong PINs in a row takes one try per 30 s, even the right PIN', async () => {
    const db = new FastCheckDb(`kiosk-${crypto.randomUUID()}`);
    await turnKioskOn('1234', db);
    const t = 1_000_000;
    for (let i = 1; i < FREE_TRIES; i++) expect(await leaveKiosk('9999', db, t)).toEqual({ left: false, lockedForMs: 0 });
    expect(await leaveKiosk('9999', db, t)).toEqual({ left: false, lockedForMs: LOCK_MS });
    expect(await leaveKiosk('1234', db, t + 10_000)).toEqual({ left: false, lockedForMs: LOCK_MS - 10_000 });
    expect(await isKioskOn(db)).toBe(true);
    expect(await leaveKiosk('1234', db, t + LOCK_MS)).toEqual({ left: true });
    // The count starts again the next time.
    await turnKioskOn('1234', db);
    expect(await leaveKiosk('9999', db, t + LOCK_MS)).toEqual({ left: false, lockedForMs: 0 });
  });

  it('two phones with the same PIN store different hashes', async () => {
    const a = new FastCheckDb(`kiosk-${crypto.randomUUID()}`);
    const b = new FastCheckDb(`kiosk-${crypto.randomUUID()}`);
    await turnKioskOn('1234', a);
    await turnKioskOn('1234', b);
    expect((await a.meta.toArray())[0].value).not.toBe((await b.meta.toArray())[0].value);
  });

  it('takes a PIN of 4 to 8 digits only, and is a setting of the phone that outlives the gate', async () => {
    expect(['123', '123456789', '12a4', ''].map(validKioskPin)).toEqual([false, false, false, false]);
    expect(['1234', '12345678'].map(validKioskPin)).toEqual([true, true]);
    const db = new FastCheckDb(`kiosk-${crypto.randomUUID()}`);
    await expect(turnKioskOn('12', db)).rejects.toThrow('4 to 8 digits');
    await turnKioskOn('1234', db);
    await clearDevice(db);
    expect(await isKioskOn(db)).toBe(true);
  });
});
