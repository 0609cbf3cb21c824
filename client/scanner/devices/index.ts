// The browser devices the scanner uses, in one place. Every feedback call is also kept in
// a short log (window.__fastcheck.feedback) so an end-to-end test can check what was played.
import { createZxingCamera, type CameraScanner } from './camera.ts';
import { createVibration, createWebAudioBeeper, type Beeper, type Haptics, type Tone } from './feedback.ts';

export interface Devices {
  beeper: Beeper;
  haptics: Haptics;
  camera: () => CameraScanner;
}

export const devices: Devices = { beeper: createWebAudioBeeper(), haptics: createVibration(), camera: createZxingCamera };

const feedbackLog: Array<{ tone: Tone; at: number }> = [];
(globalThis as { __fastcheck?: unknown }).__fastcheck = { feedback: feedbackLog };

export function signal(tone: Tone): void {
  feedbackLog.push({ tone, at: performance.now() });
  if (feedbackLog.length > 50) feedbackLog.shift();
  devices.beeper.play(tone);
  devices.haptics.buzz(tone);
}

export type { Tone };
