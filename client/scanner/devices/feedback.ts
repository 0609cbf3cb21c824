// Sound and vibration per verdict tone, behind small interfaces so tests can swap them
// and read what was played. Each tone has its own beep pattern and vibration rhythm.
export type Tone = 'accepted' | 'refused' | 'attention';

export interface Beeper {
  play(tone: Tone): void;
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
  accepted: [{ hz: 1320, ms: 120, gapMs: 0, wave: 'sine' }],
  refused: [
    { hz: 220, ms: 220, gapMs: 80, wave: 'square' },
    { hz: 220, ms: 220, gapMs: 0, wave: 'square' },
  ],
  attention: [
    { hz: 660, ms: 90, gapMs: 60, wave: 'triangle' },
    { hz: 660, ms: 90, gapMs: 60, wave: 'triangle' },
    { hz: 880, ms: 90, gapMs: 0, wave: 'triangle' },
  ],
};

export const vibrationPatterns: Record<Tone, number[]> = {
  accepted: [80],
  refused: [300, 100, 300],
  attention: [100, 60, 100, 60, 100],
};

export function createWebAudioBeeper(): Beeper {
  let ctx: AudioContext | undefined;
  return {
    play(tone) {
      try {
        ctx ??= new AudioContext();
        if (ctx.state === 'suspended') void ctx.resume();
        let t = ctx.currentTime;
        for (const b of beepPatterns[tone]) {
          const osc = ctx.createOscillator();
          const gain = ctx.createGain();
          osc.type = b.wave;
          osc.frequency.value = b.hz;
          gain.gain.setValueAtTime(0.4, t);
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
