import { describe, expect, it } from 'vitest';
import { RecentCodes } from './recent-codes.ts';

describe('RecentCodes', () => {
  it('ignores the same code within 2 s, but not another code', () => {
    const r = new RecentCodes(2000);
    expect(r.admit('A', 0)).toBe(true);
    expect(r.admit('A', 500)).toBe(false);
    expect(r.admit('B', 600)).toBe(true);
    expect(r.admit('A', 3000)).toBe(true);
  });
});
