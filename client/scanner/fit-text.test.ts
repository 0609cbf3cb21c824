import { describe, expect, it } from 'vitest';
import { fittingSize } from './fit-text.ts';

describe('fitting a long word to the screen', () => {
  // A word of n characters at about 0.6 em each, on a line `width` px wide.
  const wordFits = (chars: number, width: number) => (px: number) => chars * 0.6 * px <= width;

  it('keeps the full size when the longest word fits', () => {
    expect(fittingSize(wordFits(9, 272), 46.8, 16)).toBe(46.8);
  });

  it('shrinks until the longest word fits, at 320 px wide', () => {
    const size = fittingSize(wordFits(25, 272), 46.8, 16);
    expect(25 * 0.6 * size).toBeLessThanOrEqual(272);
    expect(25 * 0.6 * (size + 2)).toBeGreaterThan(272);
  });

  it('stops at the floor for a word that can never fit', () => {
    expect(fittingSize(wordFits(200, 272), 46.8, 16)).toBe(16);
  });
});
