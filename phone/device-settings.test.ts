import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { FastCheckDb } from './database.ts';
import { defaultSound, getSoundSettings, setSoundSettings } from './device-settings.ts';
import { setSyncMeta } from './meta.ts';
import { clearDevice } from './session.ts';

describe('device settings', () => {
  it('keeps the sound setting, clamps the volume and survives sign-out', async () => {
    const db = new FastCheckDb(`settings-${crypto.randomUUID()}`);
    expect(await getSoundSettings(db)).toEqual(defaultSound);
    await setSoundSettings({ muted: true, volume: 1.7 }, db);
    await setSyncMeta({ cursor: 'c1', lastSyncAt: '2026-07-10T18:00:00Z' }, db);
    expect(await getSoundSettings(db)).toEqual({ muted: true, volume: 1 });
    await clearDevice(db);
    expect(await getSoundSettings(db)).toEqual({ muted: true, volume: 1 });
    expect(await db.meta.get('cursor')).toBeUndefined();
  });
});
