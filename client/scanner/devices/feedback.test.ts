import { afterEach, describe, expect, it, vi } from 'vitest';
import { beepPatterns, createWebAudioBeeper } from './feedback.ts';

/** A stand-in AudioContext that records the peak gain of each beep it is asked for. */
function fakeAudio() {
  const played: number[] = [];
  let contexts = 0;
  class FakeAudioContext {
    state = 'running';
    currentTime = 0;
    destination = {};
    constructor() {
      contexts++;
    }
    createOscillator() {
      return { type: 'sine', frequency: { value: 0 }, connect: (g: unknown) => g, start() {}, stop() {} };
    }
    createGain() {
      return {
        gain: {
          setValueAtTime: (v: number) => played.push(v),
          exponentialRampToValueAtTime() {},
        },
        connect: (d: unknown) => d,
      };
    }
  }
  vi.stubGlobal('AudioContext', FakeAudioContext);
  return { played, contexts: () => contexts };
}

describe('the verdict beeper', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('plays each beep of the tone at a peak set by the volume', () => {
    const audio = fakeAudio();
    const beeper = createWebAudioBeeper();
    beeper.play('already', { muted: false, volume: 0.5 });
    expect(audio.played).toEqual(beepPatterns.already.map(() => 0.3));
    beeper.play('accepted', { muted: false, volume: 1 });
    expect(audio.played.at(-1)).toBeCloseTo(0.6);
  });

  it('stays silent when muted or at volume 0, without even opening an audio context', () => {
    const audio = fakeAudio();
    const beeper = createWebAudioBeeper();
    beeper.play('refused', { muted: true, volume: 1 });
    beeper.play('refused', { muted: false, volume: 0 });
    expect(audio.played).toEqual([]);
    expect(audio.contexts()).toBe(0);
  });
});
