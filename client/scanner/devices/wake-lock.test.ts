import { describe, expect, it } from 'vitest';
import { keepScreenOn, type VisibilityDocument, type WakeLockNavigator } from './wake-lock.ts';

/** A navigator whose wake lock records requests and releases, and a document whose visibility the test sets. */
function fakes(options: { refuse?: boolean } = {}) {
  const requests: string[] = [];
  const sentinels: Array<{ released: boolean; release(): Promise<void>; drop(): void }> = [];
  const nav: WakeLockNavigator = {
    wakeLock: {
      async request(type) {
        requests.push(type);
        if (options.refuse) throw new DOMException('refused', 'NotAllowedError');
        const s = {
          released: false,
          async release() {
            s.released = true;
          },
          drop() {
            s.released = true;
          },
        };
        sentinels.push(s);
        return s;
      },
    },
  };
  const listeners = new Set<() => void>();
  const doc: VisibilityDocument & { show(state: DocumentVisibilityState): void } = {
    visibilityState: 'visible',
    addEventListener: (_t, l) => void listeners.add(l),
    removeEventListener: (_t, l) => void listeners.delete(l),
    show(state) {
      doc.visibilityState = state;
      for (const l of listeners) l();
    },
  };
  return { nav, doc, requests, sentinels, listeners };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('keeping the screen on', () => {
  it('asks for a screen lock at once, and again when the page comes back after the browser dropped it', async () => {
    const f = fakes();
    const states: string[] = [];
    keepScreenOn(f.nav, f.doc, (s) => states.push(s));
    await settle();
    expect(f.requests).toEqual(['screen']);
    // Hidden: the browser releases the lock; nothing is asked while hidden.
    f.sentinels[0].drop();
    f.doc.show('hidden');
    await settle();
    expect(f.requests).toHaveLength(1);
    f.doc.show('visible');
    await settle();
    expect(f.requests).toEqual(['screen', 'screen']);
    expect(states.at(-1)).toBe('on');
  });

  it('does not ask twice while it holds a lock', async () => {
    const f = fakes();
    keepScreenOn(f.nav, f.doc);
    await settle();
    f.doc.show('visible');
    await settle();
    expect(f.requests).toHaveLength(1);
  });

  it('releases the lock and stops listening when the scanner closes (sign-out)', async () => {
    const f = fakes();
    const stop = keepScreenOn(f.nav, f.doc);
    await settle();
    stop();
    expect(f.sentinels[0].released).toBe(true);
    expect(f.listeners.size).toBe(0);
  });

  it('releases a lock granted after the scanner closed', async () => {
    const f = fakes();
    const stop = keepScreenOn(f.nav, f.doc);
    stop(); // before the request resolved
    await settle();
    expect(f.sentinels[0].released).toBe(true);
  });

  it('tries again at the next visibility change after a refusal, and does nothing without the API', async () => {
    const f = fakes({ refuse: true });
    const states: string[] = [];
    keepScreenOn(f.nav, f.doc, (s) => states.push(s));
    await settle();
    f.doc.show('visible');
    await settle();
    expect(f.requests).toHaveLength(2);
    expect(states).toEqual(['off', 'off']);
    const none: string[] = [];
    keepScreenOn({}, f.doc, (s) => none.push(s))();
    expect(none[0]).toBe('unsupported');
  });
});
