import { describe, expect, it } from 'vitest';
import {
  answered,
  deadlineMs,
  initialLinkState,
  MAX_DEADLINE_MS,
  MIN_DEADLINE_MS,
  missed,
  nextProbeDelayMs,
  parseLinkState,
  PROBE_BACKOFF_MS,
  probed,
  shouldForward,
  withSample,
  type LinkState,
} from './link-state.ts';

const samples = (rtts: number[], from: LinkState = initialLinkState) => rtts.reduce((s, r) => answered(s, r), from);

describe('link state: round trips (RFC 6298)', () => {
  it('takes the first sample as SRTT with half of it as RTTVAR, then smooths with gains 1/8 and 1/4', () => {
    const first = withSample(initialLinkState, 100);
    expect([first.srttMs, first.rttvarMs]).toEqual([100, 50]);
    const second = withSample(first, 200);
    expect(second.rttvarMs).toBeCloseTo(0.75 * 50 + 0.25 * 100);
    expect(second.srttMs).toBeCloseTo(0.875 * 100 + 0.125 * 200);
  });

  it('waits the ceiling before any sample, and SRTT + 4·RTTVAR within [500 ms, ceiling] after', () => {
    expect(deadlineMs(initialLinkState)).toBe(MAX_DEADLINE_MS);
    // A fast LAN: 20 ms round trips would give ~20 ms; the floor keeps it at 500 ms.
    expect(deadlineMs(samples(Array(30).fill(20)))).toBe(MIN_DEADLINE_MS);
    expect(MIN_DEADLINE_MS).toBe(500);
    // A first sample of 300 ms: 300 + 4·150 = 900 ms.
    expect(deadlineMs(samples([300]))).toBe(900);
    // Steady 400 ms: RTTVAR shrinks, the deadline comes down to the floor.
    expect(deadlineMs(samples(Array(40).fill(400)))).toBe(MIN_DEADLINE_MS);
    // Answers alternating 100 and 300 ms: RTTVAR stays ~100, the deadline ~600 ms.
    const jitter = deadlineMs(samples(Array.from({ length: 40 }, (_, i) => (i % 2 ? 300 : 100))));
    expect(jitter).toBeGreaterThan(MIN_DEADLINE_MS);
    expect(jitter).toBeLessThan(800);
    // A jumpy link: the variation widens the deadline, up to the ceiling only.
    expect(deadlineMs(samples([50, 1200, 50, 1400, 60]))).toBe(MAX_DEADLINE_MS);
  });

  it('keeps a slow but living server (800 ms) online, with a longer deadline than its round trip', () => {
    const slow = samples(Array(20).fill(800));
    expect(shouldForward(slow)).toBe(true);
    expect(deadlineMs(slow)).toBeGreaterThan(800);
    expect(deadlineMs(slow)).toBeLessThanOrEqual(MAX_DEADLINE_MS);
  });

  it('honours a tuned ceiling, and a ceiling under the floor wins over the floor', () => {
    expect(deadlineMs(samples([800]), 1000)).toBe(1000);
    expect(deadlineMs(samples(Array(30).fill(10)), 200)).toBe(200);
  });
});

describe('link state: degraded and probes', () => {
  it('a missed deadline makes the link degraded: scans are decided locally at once', () => {
    const s = missed(samples([100]), 1_000, true);
    expect(s.mode).toBe('degraded');
    expect(shouldForward(s)).toBe(false);
    expect(s.degradedAt).toBe(1_000);
    expect(s.silent).toBe(true);
    // A later miss keeps the first time.
    expect(missed(s, 5_000, false).degradedAt).toBe(1_000);
  });

  it('a missed deadline backs the deadline off: once back online, a busy server gets longer', () => {
    const fast = samples(Array(30).fill(40));
    expect(deadlineMs(fast)).toBe(MIN_DEADLINE_MS);
    const back = probed(missed(fast, 0, true, MIN_DEADLINE_MS), { kind: 'healthy', rttMs: 40 });
    expect(back.mode).toBe('online');
    expect(deadlineMs(back)).toBeGreaterThan(MIN_DEADLINE_MS);
    // A network error (no wait) is no sample.
    expect(missed(fast, 0, true).srttMs).toBe(fast.srttMs);
  });

  it('probes with backoff 250 ms, 1 s, 2 s, then every 5 s', () => {
    let s = missed(initialLinkState, 0, true);
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      delays.push(nextProbeDelayMs(s));
      s = probed(s, { kind: 'silent' });
    }
    expect(delays).toEqual([250, 1_000, 2_000, 5_000, 5_000, 5_000]);
    expect(PROBE_BACKOFF_MS.at(-1)).toBe(5_000);
  });

  it('a fast healthy probe brings the link back online; the backoff restarts once a scan is answered', () => {
    let s = missed(samples([100]), 0, true);
    s = probed(s, { kind: 'silent' });
    s = probed(s, { kind: 'healthy', rttMs: 90 });
    expect(s.mode).toBe('online');
    expect(s.degradedAt).toBeNull();
    expect(s.silent).toBe(false);
    // The probe got through but the next scan does not (a path MTU black hole): the backoff goes on.
    const relapse = missed(s, 10_000, true);
    expect(nextProbeDelayMs(relapse)).toBe(1_000);
    // A scan answered proves the link: the next outage starts probing at 250 ms again.
    expect(nextProbeDelayMs(missed(answered(s, 80), 20_000, true))).toBe(250);
  });

  it('an 800 ms healthy probe is online again; one slower than the ceiling, or a 5xx, stays degraded but not silent', () => {
    const down = missed(samples([100]), 0, true);
    const slow = probed(down, { kind: 'healthy', rttMs: 800 });
    expect(slow.mode).toBe('online');
    expect(deadlineMs(slow)).toBeGreaterThan(MIN_DEADLINE_MS);

    const tooSlow = probed(down, { kind: 'healthy', rttMs: 2_000 });
    expect(tooSlow.mode).toBe('degraded');
    expect(tooSlow.silent).toBe(false);
    expect(tooSlow.failedProbes).toBe(1);

    const unhealthy = probed(down, { kind: 'unhealthy', rttMs: 20 });
    expect(unhealthy.mode).toBe('degraded');
    expect(unhealthy.silent).toBe(false);
  });
});

describe('link state: stored', () => {
  it('reads back what it stored, with the backoff restarted so the link is re-learned quickly', () => {
    const s = probed(probed(missed(samples([120, 140]), 42, true), { kind: 'silent' }), { kind: 'silent' });
    const back = parseLinkState(JSON.stringify(s));
    expect(back).toEqual({ ...s, failedProbes: 0 });
    expect(parseLinkState(JSON.stringify(samples([120])))).toEqual(samples([120]));
  });

  it('reads anything unreadable as the initial state', () => {
    for (const bad of [undefined, '', 'not json', '{}', '{"mode":"down"}', 'null', '[]']) expect(parseLinkState(bad)).toEqual(initialLinkState);
    expect(parseLinkState('{"mode":"online","srttMs":-5,"rttvarMs":3}')).toEqual(initialLinkState);
    // Degraded without a time: online (a probe would be the only way back otherwise anyway).
    expect(parseLinkState('{"mode":"degraded"}').mode).toBe('online');
  });
});
