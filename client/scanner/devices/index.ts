// The browser devices the scanner uses, in one place, and the phone's sound setting they
// follow. Every feedback call is also kept in a short log (window.__fastcheck.feedback) so
// an end-to-end test can check what was played, and at what volume.
import { defaultSound, getSoundSettings, type SoundSettings, setSoundSettings } from '../../../phone/device-settings.ts';
import { createZxingCamera, type CameraScanner } from './camera.ts';
import { createVibration, createWebAudioBeeper, type Beeper, type Haptics, type Tone } from './feedback.ts';

export interface Devices {
  beeper: Beeper;
  haptics: Haptics;
  camera: () => CameraScanner;
}

export const devices: Devices = { beeper: createWebAudioBeeper(), haptics: createVibration(), camera: createZxingCamera };

let sound: SoundSettings = defaultSound;
let loaded: Promise<SoundSettings> | undefined;

/** The stored sound setting (read once from the phone's storage). */
export function loadSound(): Promise<SoundSettings> {
  loaded ??= getSoundSettings()
    .then((s) => (sound = s))
    .catch(() => sound);
  return loaded;
}

export async function changeSound(next: SoundSettings): Promise<void> {
  sound = next;
  loaded = Promise.resolve(next);
  await setSoundSettings(next);
}

const feedbackLog: Array<{ tone: Tone; at: number; muted: boolean; volume: number }> = [];
(globalThis as { __fastcheck?: unknown }).__fastcheck = { feedback: feedbackLog };

export function signal(tone: Tone): void {
  feedbackLog.push({ tone, at: performance.now(), muted: sound.muted, volume: sound.volume });
  if (feedbackLog.length > 50) feedbackLog.shift();
  devices.beeper.play(tone, sound);
  devices.haptics.buzz(tone);
}

export type { Tone };
