// Rate limiting behind one small interface: `hit(key)` counts an attempt and says whether
// it is allowed. Counts live in memory (one process) or in Redis (shared by every
// instance). Fixed windows count per aligned window; sliding windows keep the attempts of
// the last `windowMs`. Refused attempts are not counted, so a blocked client is let in
// again as soon as its window has room. `peek(key)` asks without counting: limits that
// count only failures peek first and `hit` after a failure.
import { Redis } from 'ioredis';
import type { Config } from '../config.ts';

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** 0 when allowed; else seconds until an attempt would be allowed again (at least 1). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts an attempt if there is room, and says whether there was. */
  hit(key: string): Promise<RateLimitResult>;
  /** Whether an attempt would be allowed now, counting nothing. */
  peek(key: string): Promise<RateLimitResult>;
}

export type WindowKind = 'fixed' | 'sliding';

export interface RateLimitOptions {
  /** Attempts allowed per window. */
  limit: number;
  windowMs: number;
  window?: WindowKind;
  /** Namespaces the keys, e.g. 'login-ip'. */
  prefix: string;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
}

const retryAfter = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** In-process counts: right for one instance and for tests. */
export function memoryRateLimiter(options: RateLimitOptions): RateLimiter {
  const { limit, windowMs, window = 'fixed', prefix, now = Date.now } = options;
  const fixed = new Map<string, { windowStart: number; count: number }>();
  const sliding = new Map<string, number[]>();
  let calls = 0;

  function sweep(t: number) {
    // Drop idle keys now and then so the maps do not grow without bound.
    if (++calls % 1000 !== 0) return;
    for (const [k, v] of fixed) if (v.windowStart + windowMs <= t) fixed.delete(k);
    for (const [k, v] of sliding) if (!v.length || v[v.length - 1] + windowMs <= t) sliding.delete(k);
  }

  return {
    async peek(key) {
      const t = now();
      const k = `${prefix}:${key}`;
      if (window === 'fixed') {
        const windowStart = Math.floor(t / windowMs) * windowMs;
        const entry = fixed.get(k);
        const count = entry?.windowStart === windowStart ? entry.count : 0;
        if (count >= limit) return { allowed: false, remaining: 0, retryAfterSeconds: retryAfter(windowStart + windowMs - t) };
        return { allowed: true, remaining: limit - count, retryAfterSeconds: 0 };
      }
      const hits = (sliding.get(k) ?? []).filter((at) => at > t - windowMs);
      if (hits.length >= limit) return { allowed: false, remaining: 0, retryAfterSeconds: retryAfter(hits[hits.length - limit] + windowMs - t) };
      return { allowed: true, remaining: limit - hits.length, retryAfterSeconds: 0 };
    },
    async hit(key) {
      const t = now();
      sweep(t);
      const k = `${prefix}:${key}`;
      if (window === 'fixed') {
        const windowStart = Math.floor(t / windowMs) * windowMs;
        let entry = fixed.get(k);
        if (entry?.windowStart !== windowStart) {
          entry = { windowStart, count: 0 };
          fixed.set(k, entry);
        }
        if (entry.count >= limit) return { allowed: false, remaining: 0, retryAfterSeconds: retryAfter(windowStart + windowMs - t) };
        entry.count++;
        return { allowed: true, remaining: limit - entry.count, retryAfterSeconds: 0 };
      }
      const hits = (sliding.get(k) ?? []).filter((at) => at > t - windowMs);
      sliding.set(k, hits);
      if (hits.length >= limit) return { allowed: false, remaining: 0, retryAfterSeconds: retryAfter(hits[0] + windowMs - t) };
      hits.push(t);
      return { allowed: true, remaining: limit - hits.length, retryAfterSeconds: 0 };
    },
  };
}

// Fixed window: INCR the window's key unless it is full. Returns {count after, ttl ms}.
const FIXED_SCRIPT = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then return {n, redis.call('PTTL', KEYS[1]), 0} end
n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {n, redis.call('PTTL', KEYS[1]), 1}`;

// Sliding window: a sorted set of attempt times; ARGV = limit, window ms, now ms, member.
const SLIDING_SCRIPT = `
local now = tonumber(ARGV[3])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
if n >= tonumber(ARGV[1]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {n, tonumber(oldest[2]) + window - now, 0}
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return {n + 1, 0, 1}`;

// Peeks: the same answers as the scripts above, counting nothing.
const FIXED_PEEK_SCRIPT = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
return {n, redis.call('PTTL', KEYS[1])}`;

const SLIDING_PEEK_SCRIPT = `
local now = tonumber(ARGV[3])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
if n < limit then return {n, 0} end
local oldest = redis.call('ZRANGE', KEYS[1], n - limit, n - limit, 'WITHSCORES')
return {n, tonumber(oldest[2]) + window - now}`;

/** Counts in Redis, shared by every instance pointing at it. */
export function redisRateLimiter(redis: Redis, options: RateLimitOptions): RateLimiter {
  const { limit, windowMs, window = 'fixed', prefix, now = Date.now } = options;
  let seq = 0;
  return {
    async peek(key) {
      const t = now();
      if (window === 'fixed') {
        const windowStart = Math.floor(t / windowMs) * windowMs;
        const k = `fc:rl:${prefix}:${key}:${windowStart}`;
        const [count, ttl] = (await redis.eval(FIXED_PEEK_SCRIPT, 1, k)) as [number, number];
        if (count < limit) return { allowed: true, remaining: limit - count, retryAfterSeconds: 0 };
        return { allowed: false, remaining: 0, retryAfterSeconds: retryAfter(ttl > 0 ? ttl : windowStart + windowMs - t) };
      }
      const [count, waitMs] = (await redis.eval(SLIDING_PEEK_SCRIPT, 1, `fc:rl:${prefix}:${key}`, limit, windowMs, t)) as [number, number];
      if (count < limit) return { allowed: true, remaining: limit - count, retryAfterSeconds: 0 };
      return { allowed: false, remaining: 0, retryAfterSeconds: retryAfter(waitMs) };
    },
    async hit(key) {
      const t = now();
      if (window === 'fixed') {
        const windowStart = Math.floor(t / windowMs) * windowMs;
        const k = `fc:rl:${prefix}:${key}:${windowStart}`;
        const [count, ttl, ok] = (await redis.eval(FIXED_SCRIPT, 1, k, limit, windowMs)) as [number, number, number];
        if (ok) return { allowed: true, remaining: Math.max(0, limit - count), retryAfterSeconds: 0 };
        return { allowed: false, remaining: 0, retryAfterSeconds: retryAfter(ttl > 0 ? ttl : windowStart + windowMs - t) };
      }
      const k = `fc:rl:${prefix}:${key}`;
      const member = `${t}:${process.pid}:${++seq}:${Math.random().toString(36).slice(2, 8)}`;
      const [count, waitMs, ok] = (await redis.eval(SLIDING_SCRIPT, 1, k, limit, windowMs, t, member)) as [number, number, number];
      if (ok) return { allowed: true, remaining: Math.max(0, limit - count), retryAfterSeconds: 0 };
      return { allowed: false, remaining: 0, retryAfterSeconds: retryAfter(waitMs) };
    },
  };
}

const redisClients = new Map<string, Redis>();

/** One shared ioredis connection per URL, opened on first use. */
export function sharedRedis(url: string): Redis {
  let client = redisClients.get(url);
  if (!client) {
    client = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
    redisClients.set(url, client);
  }
  return client;
}

/** Closes the shared Redis connections (main.ts shutdown, tests). */
export async function closeSharedRedis(): Promise<void> {
  const clients = [...redisClients.values()];
  redisClients.clear();
  await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
}

/** Redis when REDIS_URL is configured, memory otherwise. */
export function rateLimiterFromConfig(config: Pick<Config, 'redisUrl'>, options: RateLimitOptions): RateLimiter {
  return config.redisUrl ? redisRateLimiter(sharedRedis(config.redisUrl), options) : memoryRateLimiter(options);
}
