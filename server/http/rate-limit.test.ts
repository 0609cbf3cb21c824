import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryRateLimiter, rateLimiterFromConfig, redisRateLimiter, type RateLimitOptions, type RateLimiter } from './rate-limit.ts';

const redis = new Redis('redis://127.0.0.1:6379');
afterAll(async () => {
  await redis.quit();
});

type Make = (options: RateLimitOptions) => RateLimiter;
const stores: Array<[string, Make]> = [
  ['memory', memoryRateLimiter],
  ['redis', (o) => redisRateLimiter(redis, o)],
];

describe.each(stores)('%s rate limiter', (_name, make) => {
  const prefix = () => `test-${randomUUID()}`;

  it('fixed window: allows `limit` hits per window, then says how long to wait', async () => {
    let now = 1_000_000_000_000; // aligned to the 60 s window
    const limiter = make({ limit: 3, windowMs: 60_000, window: 'fixed', prefix: prefix(), now: () => now });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.hit('k'));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3].retryAfterSeconds).toBeGreaterThan(0);
    expect(results[3].retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await limiter.hit('other')).allowed).toBe(true);
    now += 60_000;
    if (_name === 'memory') expect((await limiter.hit('k')).allowed).toBe(true);
  });

  it('sliding window: an attempt is forgotten exactly one window after it was made', async () => {
    let now = 5_000;
    const limiter = make({ limit: 2, windowMs: 10_000, window: 'sliding', prefix: prefix(), now: () => now });
    expect((await limiter.hit('k')).allowed).toBe(true);
    now = 9_000;
    expect((await limiter.hit('k')).allowed).toBe(true);
    now = 14_000;
    const refused = await limiter.hit('k');
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    now = 15_001;
    expect(await limiter.hit('k')).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
    // Refused attempts are not counted against the next window.
    now = 19_001;
    expect((await limiter.hit('k')).allowed).toBe(true);
  });

  it('peek answers like hit would, counting nothing', async () => {
    for (const window of ['fixed', 'sliding'] as const) {
      let now = 1_000_000_000_000;
      const limiter = make({ limit: 2, windowMs: 60_000, window, prefix: prefix(), now: () => now });
      for (let i = 0; i < 5; i++) expect(await limiter.peek('k')).toEqual({ allowed: true, remaining: 2, retryAfterSeconds: 0 });
      await limiter.hit('k');
      now += 10_000;
      await limiter.hit('k');
      const full = await limiter.peek('k');
      expect(full.allowed).toBe(false);
      // Redis expires a fixed window's key in its own time, so only the sliding wait is exact here.
      if (window === 'sliding') expect(full.retryAfterSeconds).toBe(50);
      else expect(full.retryAfterSeconds).toBeGreaterThan(0);
      expect((await limiter.hit('k')).allowed).toBe(false);
      expect((await limiter.peek('other')).allowed).toBe(true);
    }
  });

  it('counts concurrent hits exactly', async () => {
    const limiter = make({ limit: 25, windowMs: 60_000, window: 'sliding', prefix: prefix() });
    const results = await Promise.all(Array.from({ length: 60 }, () => limiter.hit('burst')));
    expect(results.filter((r) => r.allowed)).toHaveLength(25);
  });
});

describe('redis fixed window', () => {
  it('expires its key with the window, and two limiters on one prefix share the count', async () => {
    const prefix = `test-${randomUUID()}`;
    const a = redisRateLimiter(redis, { limit: 2, windowMs: 1_000, prefix });
    const b = redisRateLimiter(redis, { limit: 2, windowMs: 1_000, prefix });
    const first = await a.hit('k');
    if (!first.allowed) return; // crossed a window edge between the two: nothing to assert
    const second = await b.hit('k');
    const third = await a.hit('k');
    if (second.allowed && !third.allowed) {
      const keys = await redis.keys(`fc:rl:${prefix}:*`);
      expect(keys.length).toBe(1);
      const ttl = await redis.pttl(keys[0]);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(1_000);
    }
  });
});

describe('rateLimiterFromConfig', () => {
  it('uses memory without REDIS_URL', async () => {
    const limiter = rateLimiterFromConfig({}, { limit: 1, windowMs: 1000, prefix: 'x' });
    expect((await limiter.hit('a')).allowed).toBe(true);
    expect((await limiter.hit('a')).allowed).toBe(false);
  });
});
