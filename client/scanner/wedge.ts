// Tells a hardware keyboard-wedge scanner from a person typing, and reports each scan whole.
// A scanner types a burst a few ms apart (up to ~80 ms on a busy phone), ended by Enter, Tab
// or a pause. Invariant: a burst is reported whole or not at all, never a fragment of it. One
// gap over `maxGapMs` inside a burst spoils the whole burst (a person, or a broken scan), and
// the keys after it start nothing until the keyboard has been quiet for `pauseMs`. People type
// 120+ ms apart, so no two of their keys ever share a burst.
export interface WedgeOptions {
  /** Longest gap between two keys of one scan. */
  maxGapMs: number;
  /** Silence that ends a scan sent without Enter/Tab, and ends a spoiled burst. Above maxGapMs. */
  pauseMs: number;
  minLength: number;
}

export const defaultWedgeOptions: WedgeOptions = { maxGapMs: 100, pauseMs: 180, minLength: 4 };

export class WedgeDetector {
  private buffer = '';
  private lastAt = -Infinity;
  /** A gap over maxGapMs happened in this burst: nothing of it is a code. */
  private spoiled = false;

  constructor(
    private readonly onCode: (code: string) => void,
    private readonly options: WedgeOptions = defaultWedgeOptions,
  ) {}

  /** Feeds one key. Returns true when the key was the Enter/Tab that ended a scan, so it should do nothing else. */
  key(key: string, at: number): boolean {
    const terminator = key === 'Enter' || key === 'Tab';
    if (!terminator && key.length !== 1) return false; // Shift and the like: not part of the code
    const gap = at - this.lastAt;
    if (gap >= this.options.pauseMs)
      this.endBurst(); // the silence ended the last burst, even if its timer is late
    else if (gap > this.options.maxGapMs) this.spoil();
    this.lastAt = at;
    if (terminator) return this.endBurst();
    if (!this.spoiled) this.buffer += key;
    return false;
  }

  /**
   * Called when no key may have come for `pauseMs`: a burst long enough is a scan without
   * terminator. Returns how many ms of silence are still missing (0 when the burst is over).
   */
  pause(at: number): number {
    const quiet = at - this.lastAt;
    if (quiet < this.options.pauseMs) return this.options.pauseMs - quiet;
    this.endBurst();
    return 0;
  }

  private spoil(): void {
    this.buffer = '';
    this.spoiled = true;
  }

  /** Ends the current burst: reports it when it is a whole, unspoiled code. */
  private endBurst(): boolean {
    const code = this.spoiled ? '' : this.buffer;
    this.buffer = '';
    this.spoiled = false;
    this.lastAt = -Infinity;
    if (code.length < this.options.minLength) return false;
    this.onCode(code);
    return true;
  }
}

/**
 * Listens on the whole document (outside text fields) and reports scans. Key times come from
 * performance.now() when the key is handled, the same clock as the pause timer (and the one a
 * test's fake clock drives), not from e.timeStamp.
 */
export function listenForWedge(target: Document, onCode: (code: string) => void, options = defaultWedgeOptions): () => void {
  const detector = new WedgeDetector(onCode, options);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waitForPause = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const missing = detector.pause(performance.now());
      if (missing > 0) waitForPause(missing);
    }, ms);
  };
  const onKey = (e: KeyboardEvent) => {
    const el = e.target as HTMLElement | null;
    if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable)) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (detector.key(e.key, performance.now())) e.preventDefault();
    waitForPause(options.pauseMs);
  };
  target.addEventListener('keydown', onKey, true);
  return () => {
    clearTimeout(timer);
    target.removeEventListener('keydown', onKey, true);
  };
}
