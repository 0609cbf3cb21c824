import { describe, expect, it } from 'vitest';
import { verdicts } from '../../shared/protocol/common.ts';
import { beepPatterns, tones, vibrationPatterns } from './devices/feedback.ts';
import { contrastRatio, lookOf, palette, showMs, toneOf } from './verdict-look.ts';

describe('verdict look', () => {
  it('gives every verdict, in and out, a tone, a headline and a 7:1 contrast', () => {
    for (const v of [...verdicts, 'error'] as const) {
      for (const direction of ['in', 'out'] as const) {
        const look = lookOf(v, direction);
        expect(look.headline.length).toBeGreaterThan(0);
        expect(contrastRatio(look.background, look.foreground), `${v} ${direction}`).toBeGreaterThanOrEqual(7);
      }
    }
  });

  it('tells admitted, let out, already in, invalid and needs-a-person apart', () => {
    expect(toneOf('accepted')).toBe('accepted');
    expect(toneOf('accepted', 'out')).toBe('exit');
    expect(lookOf('accepted', 'out').headline).toBe('Exit');
    expect(toneOf('already_checked_in')).toBe('already');
    for (const invalid of ['unknown_ticket', 'cancelled', 'wrong_entrance', 'not_open'] as const) expect(toneOf(invalid), invalid).toBe('refused');
    expect(toneOf('conflict')).toBe('attention');
    expect(toneOf('error')).toBe('attention');
  });

  it('gives each class its own colour, symbol, sound and vibration', () => {
    const distinct = (f: (t: (typeof tones)[number]) => unknown) => new Set(tones.map((t) => JSON.stringify(f(t)))).size;
    expect(distinct((t) => palette[t].background)).toBe(tones.length);
    expect(distinct((t) => palette[t].symbol)).toBe(tones.length);
    expect(distinct((t) => beepPatterns[t])).toBe(tones.length);
    expect(distinct((t) => vibrationPatterns[t])).toBe(tones.length);
    for (const t of tones) expect(showMs[t]).toBeGreaterThan(0);
  });

  it('keeps "already in" clearly apart from an invalid ticket, by brightness as well as hue', () => {
    // A colour-blind eye still sees a light screen with dark text against a dark one with light text.
    const already = palette.already;
    const refused = palette.refused;
    expect(contrastRatio(already.background, refused.background)).toBeGreaterThan(3);
    expect(already.foreground).not.toBe(refused.foreground);
    // And the sound: the invalid buzz is low and square, "already in" is a softer falling pair.
    expect(beepPatterns.already.every((b) => b.wave !== 'square')).toBe(true);
    expect(Math.min(...beepPatterns.already.map((b) => b.hz))).toBeGreaterThan(Math.max(...beepPatterns.refused.map((b) => b.hz)));
  });

  it('computes WCAG contrast', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBeCloseTo(1, 5);
    expect(contrastRatio('#000000', '#8f0000')).toBeLessThan(2.5); // the old discard button: black on dark red
  });
});
