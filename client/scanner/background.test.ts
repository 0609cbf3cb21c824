// The quiet moment for an update: the page stops talking to the old service worker before
// it asks the new one to take over, and asks only once nothing of its own is in flight.
// (Chromium stops the old worker for the swap once it is idle; a probe or outbox nudge
// arriving then restarted it and "Update ready" stayed for minutes.)
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError } from '../../shared/api-answer.ts';

const bridge = vi.hoisted(() => ({ posted: [] as Array<{ type: string }>, applied: 0, ready: () => {} }));
const probes = vi.hoisted(() => ({ started: 0, inFlight: [] as Array<(e: Error) => void> }));

vi.mock('../sw-bridge.ts', () => ({
  applyUpdate: () => void bridge.applied++,
  postToServiceWorker: (m: { type: string }) => void bridge.posted.push(m),
  onServiceWorkerMessage: () => () => {},
  onUpdateReady: (listener: () => void) => {
    bridge.ready = listener;
    return () => {};
  },
}));
vi.mock('./attendee-sync.ts', () => ({
  syncAttendees: () => {
    probes.started++;
    return new Promise((_, reject) => probes.inFlight.push(reject));
  },
}));
vi.mock('./conflict-sync.ts', () => ({ syncConflicts: async () => {} }));
vi.mock('./scan-controller.ts', () => ({ isIdle: () => true }));
vi.mock('../../phone/attendees.ts', () => ({ countAttendees: async () => 20 }));
vi.mock('../../phone/meta.ts', () => ({ getSyncMeta: async () => ({ lastSyncAt: null }) }));
vi.mock('../../phone/outbox.ts', () => ({ pendingCount: async () => 2 }));
vi.mock('../../phone/conflicts.ts', () => ({ attentionItems: async () => [] }));
const ended = vi.hoisted(() => ({ tokens: [] as string[] }));
vi.mock('../../phone/session.ts', () => ({ markSessionEnded: async (token: string) => void ended.tokens.push(token) }));

const { startBackground, UPDATE_HOLD_MS, PROBE_EVERY_MS } = await import('./background.ts');
const { getStatus, setStatus } = await import('./store.ts');
const { errorText } = await import('./verdict-text.ts');
const { setLocale } = await import('../i18n/index.ts');

const session = { server: 'http://door.test', token: 't', eventId: 'e' } as unknown as Parameters<typeof startBackground>[0];
const nudges = () => bridge.posted.filter((m) => m.type === 'flush-outbox').length;
const failProbe = () => probes.inFlight.shift()!(new NetworkError('offline'));

describe('an update at the quiet moment', () => {
  let stop: () => void;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
    vi.stubGlobal('window', { addEventListener: () => {}, removeEventListener: () => {} });
    vi.stubGlobal('document', { querySelector: () => null });
    vi.stubGlobal('navigator', {});
    setStatus({ online: false, updateReady: false });
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('offline with scans waiting: goes quiet first, asks once its probe is done, and resumes if the update never applies', async () => {
    stop = startBackground(session);
    await vi.advanceTimersByTimeAsync(0);
    expect(probes.started).toBe(1);
    expect(getStatus().pending).toBe(2);

    // The new version is found while the page's probe is still out.
    bridge.ready();
    await vi.advanceTimersByTimeAsync(3000);
    expect(bridge.applied).toBe(0);
    const nudgesBefore = nudges();

    failProbe();
    await vi.advanceTimersByTimeAsync(1000);
    expect(bridge.applied).toBeGreaterThan(0);

    // While the update applies the old worker hears nothing: no probes, no outbox nudges.
    await vi.advanceTimersByTimeAsync(6 * PROBE_EVERY_MS);
    expect(probes.started).toBe(1);
    expect(nudges()).toBe(nudgesBefore);

    // Not for ever: if the new version never takes over, syncing and nudging come back.
    await vi.advanceTimersByTimeAsync(UPDATE_HOLD_MS);
    expect(probes.started).toBeGreaterThan(1);
    expect(nudges()).toBeGreaterThan(nudgesBefore);
  });
});

describe('a session the server refuses', () => {
  let stop: () => void;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
    vi.stubGlobal('window', { addEventListener: () => {}, removeEventListener: () => {} });
    vi.stubGlobal('document', { querySelector: () => null });
    vi.stubGlobal('navigator', {});
    setStatus({ online: true, updateReady: false, sessionEnded: false });
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('a 401 on the sync asks to sign in again, and the token is not used again: no syncs, no outbox nudges', async () => {
    // Whatever sync an earlier test left running ends first.
    while (probes.inFlight.length) failProbe();
    await vi.advanceTimersByTimeAsync(0);
    setStatus({ online: true });
    stop = startBackground({ ...session, token: 'expired' });
    await vi.advanceTimersByTimeAsync(0);
    const started = probes.started;
    probes.inFlight.shift()!(new ApiError(401, 'unauthorized', 'The token is malformed or expired: sign in again'));
    await vi.advanceTimersByTimeAsync(0);
    expect(getStatus().sessionEnded).toBe(true);
    expect(ended.tokens).toEqual(['expired']);
    const nudgesBefore = nudges();
    await vi.advanceTimersByTimeAsync(10 * PROBE_EVERY_MS);
    expect(probes.started).toBe(started);
    expect(nudges()).toBe(nudgesBefore);
  });

  it('a new sign-in starts afresh', async () => {
    setStatus({ sessionEnded: true });
    stop = startBackground({ ...session, token: 'new', ended_at: null });
    expect(getStatus().sessionEnded).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(bridge.posted.at(-1)).toEqual({ type: 'flush-outbox' });
  });
});

describe('a download the server refuses', () => {
  let stop: () => void;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
    vi.stubGlobal('window', { addEventListener: () => {}, removeEventListener: () => {} });
    vi.stubGlobal('document', { querySelector: () => null, documentElement: {} });
    vi.stubGlobal('navigator', {});
    setStatus({ online: true, updateReady: false, sessionEnded: false, syncError: null });
  });
  afterEach(() => {
    stop();
    setLocale('en');
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('keeps the error itself, not its English message, so the door words it in its language', async () => {
    while (probes.inFlight.length) failProbe();
    await vi.advanceTimersByTimeAsync(0);
    setStatus({ online: true, syncError: null });
    stop = startBackground({ ...session, token: 'fine' });
    await vi.advanceTimersByTimeAsync(0);
    const refused = new ApiError(403, 'forbidden', 'This credential may not read attendees');
    probes.inFlight.shift()!(refused);
    await vi.advanceTimersByTimeAsync(0);
    expect(getStatus().syncError).toBe(refused);
    setLocale('de');
    expect(errorText(getStatus().syncError)).toBe('mit diesem Zugang nicht erlaubt');
  });
});
