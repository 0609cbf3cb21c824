// Tells a hardware keyboard-wedge scanner from a person typing: a scanner sends a burst of
// characters a few milliseconds apart, ending in Enter, Tab or a pause. People type 80+
// ms apart, so a slow key breaks the burst and nothing is reported.
export interface WedgeOptions {
  /** Longest gap between two keys of one scan. */
  maxGapMs: number;
  /** Silence that ends a scan sent without Enter/Tab. */
  pauseMs: number;
  minLength: number;
}

export const defaultWedgeOptions: WedgeOptions = { maxGapMs: 35, pauseMs: 120, minLength: 4 };

export class WedgeDetector {
  private buffer = '';
  private lastAt = -Infinity;

  constructor(
    private readonly onCode: (code: string) => void,
    private readonly options: WedgeOptions = defaultWedgeOptions,
  ) {}

  /** Feeds one key. Returns true when the key belonged to a scan and should not be typed anywhere. */
  key(key: string, at: number): boolean {
    const gap = at - this.lastAt;
    if (key === 'Enter' || key === 'Tab') {
      const isScan = gap <= this.options.maxGapMs && this.buffer.length >= this.options.minLength;
      const code = this.buffer;
      this.reset();
      if (isScan) this.onCode(code);
      return isScan;
    }
    if (key.length !== 1) return false;
    if (gap > this.options.maxGapMs) this.buffer = '';
    this.buffer += key;
    this.lastAt = at;
    return this.buffer.length > 1;
  }

  /** Called when no key came for `pauseMs`: a burst long enough is a scan without terminator. */
  pause(at: number): void {
    if (at - this.lastAt >= this.options.pauseMs && this.buffer.length >= this.options.minLength) {
      const code = this.buffer;
      this.reset();
      this.onCode(code);
    } else if (at - this.lastAt >= this.options.pauseMs) {
      this.reset();
    }
  }

  private reset(): void {
    this.buffer = '';
    this.lastAt = -Infinity;
  }
}

/** Listens on the whole document (outside text fields) and reports scans. */
export function listenForWedge(target: Document, onCode: (code: string) => void, options = defaultWedgeOptions): () => void {
  const detector = new WedgeDetector(onCode, options);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onKey = (e: KeyboardEvent) => {
    const el = e.target as HTMLElement | null;
    if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable)) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const consumed = detector.key(e.key, e.timeStamp);
    if (consumed && (e.key === 'Enter' || e.key === 'Tab')) e.preventDefault();
    clearTimeout(timer);
    timer = setTimeout(() => detector.pause(performance.now()), options.pauseMs);
  };
  target.addEventListener('keydown', onKey, true);
  return () => {
    clearTimeout(timer);
    target.removeEventListener('keydown', onKey, true);
  };
}
