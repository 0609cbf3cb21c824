import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultWedgeOptions, WedgeDetector } from './wedge.ts';

type Terminator = 'Enter' | 'Tab' | 'none';

/** Types `text` with `gaps[i]` ms before key i+1 (cycled), then the terminator; returns the time after. */
function typeCode(d: WedgeDetector, text: string, gaps: readonly number[], terminator: Terminator, start: number): number {
  let t = start;
  [...text].forEach((ch, i) => {
    if (i > 0) t += gaps[(i - 1) % gaps.length] ?? 0;
    d.key(ch, t);
  });
  if (terminator !== 'none') {
    t += gaps[text.length % gaps.length] ?? 0;
    d.key(terminator, t);
  }
  return t;
}

/** What a scanner sends: ticket-code characters, at least the minimum length. */
const ticketCode = fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{3,23}$/);
const terminator = fc.constantFrom<Terminator>('Enter', 'Tab', 'none');
const scannerGaps = fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 1, maxLength: 30 });
const personGaps = fc.array(fc.integer({ min: 120, max: 1000 }), { minLength: 1, maxLength: 30 });

function collect(): { codes: string[]; d: WedgeDetector } {
  const codes: string[] = [];
  return { codes, d: new WedgeDetector((c) => codes.push(c)) };
}

describe('WedgeDetector', () => {
  it('reports a fast burst ending in Enter or Tab, and consumes that key', () => {
    const { codes, d } = collect();
    const t = typeCode(d, 'FC000042-4', [8], 'none', 1000);
    expect(d.key('Enter', t + 8)).toBe(true);
    const t2 = typeCode(d, 'ABCD-1', [5], 'none', t + 1000);
    expect(d.key('Tab', t2 + 5)).toBe(true);
    expect(codes).toEqual(['FC000042-4', 'ABCD-1']);
  });

  it('reports a burst that ends in a pause, once', () => {
    const { codes, d } = collect();
    const t = typeCode(d, 'E3C8AF28A5-3', [10], 'none', 1000);
    expect(d.pause(t + 100)).toBe(defaultWedgeOptions.pauseMs - 100); // not quiet long enough yet
    expect(codes).toEqual([]);
    expect(d.pause(t + defaultWedgeOptions.pauseMs)).toBe(0);
    d.pause(t + 1000);
    expect(codes).toEqual(['E3C8AF28A5-3']);
  });

  it('reports a burst ended by silence when the pause timer is late and the next key comes first', () => {
    const { codes, d } = collect();
    const t = typeCode(d, 'E3C8AF28A5-3', [10], 'none', 1000);
    typeCode(d, 'FC000042-4', [10], 'Enter', t + 400);
    expect(codes).toEqual(['E3C8AF28A5-3', 'FC000042-4']);
  });

  it('keeps a burst whole across uneven gaps up to the limit', () => {
    const { codes, d } = collect();
    typeCode(d, 'FC000042-4', [1, 80, 3, 100, 0, 65, 2, 90, 4, 10], 'Enter', 1000);
    expect(codes).toEqual(['FC000042-4']);
  });

  it('drops the whole burst, never its tail, when one gap is too long', () => {
    const { codes, d } = collect();
    // The old detector reported "0042-4" here: the start dropped, the rest sent.
    let t = typeCode(d, 'FC00', [5], 'none', 1000);
    t = typeCode(d, '0042-4', [5], 'Enter', t + 140);
    expect(d.pause(t + 1000)).toBe(0);
    // The same with no terminator.
    t = typeCode(d, 'FC00', [5], 'none', t + 2000);
    t = typeCode(d, '0042-4', [5], 'none', t + 101);
    d.pause(t + 1000);
    // A slow Enter spoils the burst too.
    t = typeCode(d, 'FC000042-4', [5], 'none', t + 2000);
    expect(d.key('Enter', t + 150)).toBe(false);
    d.pause(t + 1000);
    expect(codes).toEqual([]);
  });

  it('ignores a person typing, short bursts, and keys that are not characters', () => {
    const { codes, d } = collect();
    let t = typeCode(d, 'FC000042', [120], 'Enter', 1000);
    t = typeCode(d, 'ab', [5], 'Enter', t + 1000);
    d.pause(t + 1000);
    t = typeCode(d, 'abc', [5], 'none', t + 2000);
    d.pause(t + 1000);
    expect(codes).toEqual([]);
    t = typeCode(d, 'FC0', [5], 'none', t + 2000);
    d.key('Shift', t + 500); // not a key of the code: neither part of it nor a gap in it
    typeCode(d, 'A', [5], 'Enter', t + 5);
    expect(codes).toEqual(['FC0A']);
  });

  it('reports any code typed with 0–80 ms gaps and Enter, Tab or no terminator exactly once', () => {
    fc.assert(
      fc.property(ticketCode, scannerGaps, terminator, (code, gaps, end) => {
        const { codes, d } = collect();
        const t = typeCode(d, code, gaps, end, 1000);
        d.pause(t + defaultWedgeOptions.pauseMs);
        d.pause(t + 5000);
        expect(codes).toEqual([code]);
      }),
    );
  });

  it('reports nothing for anything typed with gaps of 120 ms or more, whatever the pauses', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(ticketCode, terminator), { minLength: 1, maxLength: 5 }), personGaps, (typed, gaps) => {
        const { codes, d } = collect();
        let t = 1000;
        for (const [code, end] of typed) {
          t = typeCode(d, code, gaps, end, t + (gaps[0] ?? 120));
          d.pause(t + defaultWedgeOptions.pauseMs);
        }
        d.pause(t + 5000);
        expect(codes).toEqual([]);
      }),
    );
  });

  it('checks 30 of 30 codes typed one after another with random 0–80 ms gaps and Enter or Tab', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(ticketCode, scannerGaps, fc.constantFrom<Terminator>('Enter', 'Tab')), { minLength: 30, maxLength: 30 }), (scans) => {
        const { codes, d } = collect();
        let t = 1000;
        for (const [code, gaps, end] of scans) t = typeCode(d, code, gaps, end, t + 300);
        expect(codes).toEqual(scans.map(([code]) => code));
      }),
      { numRuns: 50 },
    );
  });

  it('checks 10 of 10 codes sent with no terminator, each ended by its pause', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(ticketCode, scannerGaps), { minLength: 10, maxLength: 10 }), (scans) => {
        const { codes, d } = collect();
        let t = 1000;
        for (const [code, gaps] of scans) {
          t = typeCode(d, code, gaps, 'none', t + 300);
          d.pause(t + defaultWedgeOptions.pauseMs);
        }
        expect(codes).toEqual(scans.map(([code]) => code));
      }),
      { numRuns: 50 },
    );
  });
});
