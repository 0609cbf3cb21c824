// Settings of this phone, not of the event: the verdict sound (muted, volume). Kept in the
// meta table under `setting:` keys, which signing out leaves in place (see clearDevice).
import { database, type FastCheckDb } from './database.ts';

export const SETTING_PREFIX = 'setting:';

export interface SoundSettings {
  muted: boolean;
  /** 0 to 1. */
  volume: number;
}

export const defaultSound: SoundSettings = { muted: false, volume: 0.8 };

const MUTED = `${SETTING_PREFIX}sound_muted`;
const VOLUME = `${SETTING_PREFIX}sound_volume`;

export async function getSoundSettings(db: FastCheckDb = database()): Promise<SoundSettings> {
  const [muted, volume] = await db.meta.bulkGet([MUTED, VOLUME]);
  const v = Number(volume?.value);
  return {
    muted: muted ? muted.value === 'true' : defaultSound.muted,
    volume: volume && Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : defaultSound.volume,
  };
}

export async function setSoundSettings(sound: SoundSettings, db: FastCheckDb = database()): Promise<void> {
  await db.meta.bulkPut([
    { key: MUTED, value: String(sound.muted) },
    { key: VOLUME, value: String(Math.min(1, Math.max(0, sound.volume))) },
  ]);
}

const INSTALL_DISMISSED = `${SETTING_PREFIX}install_hint_dismissed`;

/** Whether staff dismissed the "install the app to protect offline data" hint on this phone. */
export async function getInstallHintDismissed(db: FastCheckDb = database()): Promise<boolean> {
  return (await db.meta.get(INSTALL_DISMISSED))?.value === 'true';
}

export async function setInstallHintDismissed(db: FastCheckDb = database()): Promise<void> {
  await db.meta.put({ key: INSTALL_DISMISSED, value: 'true' });
}
