import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { uuidSchema } from '../shared/protocol/common.ts';
import { FastCheckDb } from './database.ts';
import { installationId } from './installation.ts';
import { clearDevice } from './session.ts';

describe('installation id', () => {
  it('is one UUID per phone, kept across sign-out and reopening, even when asked for at once', async () => {
    const name = `installation-${crypto.randomUUID()}`;
    const db = new FastCheckDb(name);
    const [a, b] = await Promise.all([installationId(db), installationId(db)]);
    expect(uuidSchema.parse(a)).toBe(b);
    await clearDevice(db);
    expect(await installationId(db)).toBe(a);
    db.close();
    expect(await installationId(new FastCheckDb(name))).toBe(a);
  });

  it('a new browser profile (another database) is another installation', async () => {
    const one = await installationId(new FastCheckDb(`installation-${crypto.randomUUID()}`));
    const two = await installationId(new FastCheckDb(`installation-${crypto.randomUUID()}`));
    expect(one).not.toBe(two);
  });
});
