import { describe, expect, it } from 'vitest';
import { verdicts } from '../../shared/protocol/common.ts';
import { contrastRatio, lookOf } from './verdict-look.ts';

describe('verdict look', () => {
  it('gives every verdict a tone, a headline and a 7:1 contrast', () => {
    for (const v of [...verdicts, 'error'] as const) {
      const look = lookOf(v);
      expect(look.headline.length).toBeGreaterThan(0);
      expect(contrastRatio(look.background, look.foreground), v).toBeGreaterThanOrEqual(7);
    }
    expect(lookOf('accepted').tone).toBe('accepted');
    expect(lookOf('already_checked_in').tone).toBe('refused');
    expect(lookOf('conflict').tone).toBe('attention');
    expect(lookOf('accepted', 'out').headline).toBe('Exit');
  });

  it('computes WCAG contrast', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBeCloseTo(1, 5);
  });
});
