// Sound and vibration per verdict tone, behind small interfaces so tests can swap them
// and read what was played. Each tone has its own beep pattern and vibration rhythm, so a
// second scan of someone just admitted never sounds like a forged ticket. Sound follows the
// device's setting (muted, volume); vibration always plays.
export const tones = ['accepted', 'exit', 'already', 'refused', 'attention'] as const;
export type Tone = (typeof tones)[number];

export interface SoundSetting {
  muted: boolean;
  /** 0 to 1. */
  volume: number;
}

export interface Beeper {
  play(tone: Tone, sound: SoundSetting): void;
}
export interface Haptics {
  buzz(tone: Tone): void;
}

interface Beep {
  hz: number;
  ms: number;
  gapMs: number;
  wave: OscillatorType;
}

export const beepPatterns: Record<Tone, Beep[]> = {
  // one bright chirp
  accepted: [{ hz: 1320, ms: 120, gapMs: 0, wave: 'sine' }],
  // two quick rising chirps
  exit: [
    { hz: 990, ms: 70, gapMs: 40, wave: 'sine' },
    { hz: 1320, ms: 70, gapMs: 0, wave: 'sine' },
  ],
  // a falling two-note "again": not the harsh buzz of an invalid ticket
  already: [
    { hz: 784, ms: 160, gapMs: 60, wave: 'triangle' },
    { hz: 523, ms: 320, gapMs: 0, wave: 'triangle' },
  ],
  // two low harsh buzzes
  refused: [
    { hz: 220, ms: 220, gapMs: 80, wave: 'square' },
    { hz: 220, ms: 220, gapMs: 0, wave: 'square' },
  ],
  // three short rising pips
  attention: [
    { hz: 660, ms: 90, gapMs: 60, wave: 'triangle' },
    { hz: 660, ms: 90, gapMs: 60, wave: 'triangle' },
    { hz: 880, ms: 90, gapMs: 0, wave: 'triangle' },
  ],
};

export const vibrationPatterns: Record<Tone, number[]> = {
  accepted: [80],
  exit: [40, 80, 40],
  already: [600],
  refused: [300, 100, 300],
  attention: [100, 60, 100, 60, 100],
};

export function createWebAudioBeeper(): Beeper {
  let ctx: AudioContext | undefined;
  return {
    play(tone, sound) {
      if (sound.muted || sound.volume <= 0) return;
      try {
        ctx ??= new AudioContext();
        if (ctx.state === 'suspended') void ctx.resume();
        let t = ctx.currentTime;
        const peak = 0.6 * Math.min(1, sound.volume);
        for (const b of beepPatterns[tone]) {
          const osc = ctx.createOscillator();
          const gain = ctx.createGain();
          osc.type = b.wave;
          osc.frequency.value = b.hz;
          gain.gain.setValueAtTime(peak, t);
          gain.gain.exponentialRampToValueAtTime(0.001, t + b.ms / 1000);
          osc.connect(gain).connect(ctx.destination);
          osc.start(t);
          osc.stop(t + b.ms / 1000);
          t += (b.ms + b.gapMs) / 1000;
        }
      } catch {
        // no audio device: the colour still tells
      }
    },
  };
}

export function createVibration(): Haptics {
  return {
    buzz(tone) {
      if ('vibrate' in navigator) navigator.vibrate(vibrationPatterns[tone]);
    },
  };
}
