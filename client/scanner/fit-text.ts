// Fits a line of big text (a name, a headline) to the screen: wrapping happens only between
// words (CSS: overflow-wrap normal, word-break keep-all, hyphens manual), and when the
// longest word is still wider than the screen the font shrinks step by step until it fits
// (measured by scrollWidth against clientWidth), never below a floor; a word too wide even
// there is broken as a last resort rather than cut off.
import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

/** The largest size from `maxPx` down to `minPx`, in `stepPx` steps, at which `fits` holds (else `minPx`). */
export function fittingSize(fits: (px: number) => boolean, maxPx: number, minPx: number, stepPx = 2): number {
  for (let px = maxPx; px > minPx; px -= stepPx) if (fits(px)) return px;
  return minPx;
}

/** Shrinks `ref`'s font size from its stylesheet size until no word overflows; again on resize and when `text` changes. */
export function useFitText(ref: RefObject<HTMLElement>, text: string, minPx = 16): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const refit = () => {
      el.style.fontSize = '';
      el.style.overflowWrap = '';
      el.style.whiteSpace = '';
      const maxPx = parseFloat(getComputedStyle(el).fontSize);
      const size = fittingSize(
        (px) => {
          el.style.fontSize = `${px}px`;
          return el.scrollWidth <= el.clientWidth;
        },
        maxPx,
        minPx,
      );
      el.style.fontSize = size === maxPx ? '' : `${size}px`;
      // A single "word" wider than the screen even at the floor (a 60-character code): break
      // it rather than let it run off the screen.
      const tooWide = el.scrollWidth > el.clientWidth;
      el.style.overflowWrap = tooWide ? 'anywhere' : '';
      el.style.whiteSpace = tooWide ? 'normal' : '';
    };
    refit();
    window.addEventListener('resize', refit);
    return () => window.removeEventListener('resize', refit);
  }, [ref, text, minPx]);
}
