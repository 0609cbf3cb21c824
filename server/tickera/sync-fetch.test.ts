// The adaptive fetch against the simulator with a real site's shape (few PHP workers on
// fewer cores): every ticket exactly once whatever page size and concurrency it settles
// on, sales made mid-run caught at the head, a failing page retried after backing off.
import { afterEach, describe, expect, it } from 'vitest';
import { startTickeraSim, type TickeraSim } from '../../tickera-sim/server.ts';
import { createPhpSite } from '../../tickera-sim/php-site.ts';
import { createTickeraClient } from './client.ts';
import { fetchAllTickets } from './sync-fetch.ts';

describe('adaptive tickets_info fetch', () => {
  let sim: TickeraSim | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });
  const client = (s: TickeraSim) => createTickeraClient({ siteUrl: s.url, apiKey: s.apiKey, timeoutMs: 10_000, attempts: 1, backoffMs: 5 });

  it('reads every ticket once, catching sales made during the run', async () => {
    sim = await startTickeraSim({ tickets: 2_345, pageLatencyMs: 5, rowLatencyMs: 0.05, workers: 3, cores: 2 });
    sim.sellDuring(4, 9);
    const fetched = await fetchAllTickets(client(sim), { perPage: 200, concurrency: 5, expected: 2_345 });
    expect(fetched.records.size).toBe(sim.tickets.length);
    expect(new Set(sim.tickets.map((t) => t.code))).toEqual(new Set(fetched.records.keys()));
    expect(fetched.plan.peakConcurrency).toBeLessThanOrEqual(5);
    // A fast first page doubles the size of the pages after the first two (unless the machine is very busy).
    expect([200, 400]).toContain(fetched.plan.perPage);
    expect(sim.calls.some((c) => c.endpoint === 'tickets_info' && c.perPage === fetched.plan.perPage && c.page! > 2)).toBe(true);
  });

  it('a failing page is retried after halving concurrency, and the run completes', async () => {
    sim = await startTickeraSim({ tickets: 1_000, workers: 4 });
    sim.fail({ endpoint: 'tickets_info', page: 4, kind: '500', times: 2 });
    const fetched = await fetchAllTickets(client(sim), { perPage: 100, concurrency: 4, expected: 1_000 });
    expect(fetched.records.size).toBe(1_000);
    expect(fetched.plan.backoffs).toBeGreaterThanOrEqual(1);
  });

  it('a page that keeps failing fails the run with its error', async () => {
    sim = await startTickeraSim({ tickets: 1_000 });
    sim.fail({ endpoint: 'tickets_info', page: 2, kind: '500', times: Number.POSITIVE_INFINITY });
    await expect(fetchAllTickets(client(sim), { perPage: 100, concurrency: 4, expected: 1_000 })).rejects.toThrow(
      'WordPress answered 500 to tickets_info page 2',
    );
  });
});

describe('the simulated PHP site', () => {
  it('queues requests beyond its workers', async () => {
    const site = createPhpSite({ workers: 1, cores: 1 });
    const order: string[] = [];
    const a = site.serve(30).then(() => order.push('a'));
    const b = site.serve(1).then(() => order.push('b'));
    expect(site.load()).toEqual({ busy: 1, queued: 1 });
    await Promise.all([a, b]);
    expect(order).toEqual(['a', 'b']);
    expect(site.load()).toEqual({ busy: 0, queued: 0 });
  });
});
