import { describe, expect, it } from 'vitest';
import { WedgeDetector } from './wedge.ts';

function feed(d: WedgeDetector, text: string, gapMs: number, start = 1000): number {
  let t = start;
  for (const ch of text) {
    d.key(ch, t);
    t += gapMs;
  }
  return t;
}

describe('WedgeDetector', () => {
  it('reports a fast burst ending in Enter or Tab', () => {
    const codes: string[] = [];
    const d = new WedgeDetector((c) => codes.push(c));
    const t = feed(d, 'FC000042-4', 8);
    expect(d.key('Enter', t)).toBe(true);
    const t2 = feed(d, 'ABCD-1', 5, t + 1000);
    d.key('Tab', t2);
    expect(codes).toEqual(['FC000042-4', 'ABCD-1']);
  });

  it('reports a burst that ends in a pause', () => {
    const codes: string[] = [];
    const d = new WedgeDetector((c) => codes.push(c));
    const t = feed(d, 'E3C8AF28A5-3', 10);
    d.pause(t + 200);
    expect(codes).toEqual(['E3C8AF28A5-3']);
  });

  it('ignores a person typing, short bursts, and a slow key in the middle', () => {
    const codes: string[] = [];
    const d = new WedgeDetector((c) => codes.push(c));
    let t = feed(d, 'FC000042', 120);
    d.key('Enter', t);
    t = feed(d, 'ab', 5, t + 1000);
    d.key('Enter', t);
    t = feed(d, 'FC00', 5, t + 1000);
    t = feed(d, '0042', 5, t + 200); // a pause splits it: only the last part is fast
    d.key('Enter', t + 300);
    d.pause(t + 1000);
    expect(codes).toEqual([]);
  });
});
