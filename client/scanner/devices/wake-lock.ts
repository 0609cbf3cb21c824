// Keeps the screen on while the scanner is open (Screen Wake Lock). The browser drops the lock
// whenever the page is hidden, so it is asked for again each time the page becomes visible;
// the returned function releases it (sign-out) and stops asking.

interface Sentinel {
  released: boolean;
  release(): Promise<void>;
  addEventListener?(type: 'release', listener: () => void): void;
}
export interface WakeLockNavigator {
  wakeLock?: { request(type: 'screen'): Promise<Sentinel> };
}
export interface VisibilityDocument {
  visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

export type WakeLockState = 'on' | 'off' | 'unsupported';

export function keepScreenOn(
  nav: WakeLockNavigator = navigator as unknown as WakeLockNavigator,
  doc: VisibilityDocument = document,
  onState: (state: WakeLockState) => void = () => {},
): () => void {
  const api = nav.wakeLock;
  if (!api) {
    onState('unsupported');
    return () => {};
  }
  let sentinel: Sentinel | null = null;
  let asking = false;
  let stopped = false;
  const ask = async () => {
    if (stopped || asking || doc.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
    asking = true;
    try {
      const s = await api.request('screen');
      if (stopped) {
        await s.release();
        return;
      }
      sentinel = s;
      onState('on');
      s.addEventListener?.('release', () => onState('off'));
    } catch {
      // refused (battery saver, not visible, no permission): asked again at the next visibility change
      onState('off');
    } finally {
      asking = false;
    }
  };
  const onVisible = () => void ask();
  doc.addEventListener('visibilitychange', onVisible);
  void ask();
  return () => {
    stopped = true;
    doc.removeEventListener('visibilitychange', onVisible);
    const s = sentinel;
    sentinel = null;
    if (s && !s.released) void s.release().catch(() => undefined);
    onState('off');
  };
}
