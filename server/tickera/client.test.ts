import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTickeraSim, type TickeraSim } from '../../tickera-sim/server.ts';
import { createLogger } from '../logger.ts';
import { createTickeraClient, normaliseSiteUrl, type TickeraClientOptions } from './client.ts';
import { TickeraError } from './tickera-error.ts';

const KEY = 'C0FFEE42';

describe('Tickera client against the simulator', () => {
  let sim: TickeraSim;
  const lines: string[] = [];
  const logger = createLogger('debug', { write: (s: string) => void lines.push(s) });
  const client = (o: Partial<TickeraClientOptions> = {}) => createTickeraClient({ siteUrl: sim.url, apiKey: KEY, logger, timeoutMs: 300, backoffMs: 5, ...o });
  const failure = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TickeraError);
    return err as TickeraError;
  };

  beforeAll(async () => {
    sim = await startTickeraSim({ apiKey: KEY, tickets: 12 });
  });
  afterAll(async () => {
    await sim.close();
    // The key sits in the URL path: no log line may carry it, in any case.
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.join('\n').toLowerCase()).not.toContain(KEY.toLowerCase());
  });

  it('reads credentials, essentials, a page, check-in history and the site timezone', async () => {
    const c = client();
    await c.checkCredentials();
    expect(await c.eventEssentials()).toMatchObject({ sold_tickets: 12, event_name: 'Lab Fest 2026' });
    expect((await c.ticketsPage(5, 1)).records).toHaveLength(5);
    expect(await c.ticketCheckins(sim.tickets[0]!.code)).toEqual([]);
    expect(await c.siteZone()).toEqual({ iana: 'Europe/Brussels', offsetHours: 2 });
  });

  it('"API key rejected" for {"pass":""} and for an empty body, key stripped of whitespace first', async () => {
    expect((await failure(client({ apiKey: 'WRONG999' }).checkCredentials())).message).toBe('API key rejected');
    expect((await failure(client({ apiKey: 'WRONG999' }).eventEssentials())).kind).toBe('key_rejected');
    await client({ apiKey: `  ${KEY}\n` }).checkCredentials();
  });

  it('"key covers several events" for a Multiple Events key', async () => {
    const multi = await startTickeraSim({ apiKey: KEY, tickets: 3, multiEventKey: true });
    try {
      const err = await failure(createTickeraClient({ siteUrl: multi.url, apiKey: KEY }).eventEssentials());
      expect(err.message).toMatch(/^key covers several events/);
    } finally {
      await multi.close();
    }
  });

  it('"site unreachable" when nothing listens, after retrying', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const err = await failure(createTickeraClient({ siteUrl: `http://127.0.0.1:${port}`, apiKey: KEY, backoffMs: 1, attempts: 2 }).checkCredentials());
    expect(err.message).toMatch(/^site unreachable/);
    expect(err.message).not.toContain(KEY);
  });

  it('"not a Tickera site" for an HTML page, without retrying; a 404 HTML page too', async () => {
    sim.fail({ endpoint: 'event_essentials', kind: 'html', times: 1 });
    const before = sim.calls.length;
    expect((await failure(client().eventEssentials())).message).toMatch(/^not a Tickera site \(HTML where JSON was expected\)/);
    expect(sim.calls.length - before).toBe(1);
    const wordpress = await failure(createTickeraClient({ siteUrl: `${sim.url}/blog`, apiKey: KEY }).checkCredentials());
    expect(wordpress.kind).toBe('not_tickera');
  });

  it('a 500 is retried with backoff; a lasting one is "WordPress answered 500"', async () => {
    sim.fail({ endpoint: 'tickets_info', page: 2, kind: '500', times: 2 });
    expect((await client().ticketsPage(5, 2)).records).toHaveLength(5);
    sim.fail({ endpoint: 'tickets_info', page: 2, kind: '500', times: Infinity });
    try {
      expect((await failure(client({ attempts: 3 }).ticketsPage(5, 2))).message).toBe('WordPress answered 500 to tickets_info page 2');
    } finally {
      sim.clearFailures();
    }
  });

  it('a timeout is retried for reads but never for check_in', async () => {
    sim.fail({ endpoint: 'tickets_info', page: 1, kind: 'timeout', times: 1 });
    expect((await client().ticketsPage(5, 1)).records).toHaveLength(5);
    sim.fail({ endpoint: 'check_in', kind: 'timeout', times: 1 });
    const before = sim.calls.filter((c) => c.endpoint === 'check_in').length;
    expect((await failure(client().checkIn(sim.tickets[1]!.code, new Date()))).kind).toBe('timeout');
    expect(sim.calls.filter((c) => c.endpoint === 'check_in').length - before).toBe(1);
  });

  it('check_in sends the scan time as a UTC epoch and reads both outcomes', async () => {
    const code = sim.tickets.find((t) => t.type.allowed === 1)!.code;
    const at = new Date('2026-07-10T18:30:00Z');
    expect(await client().checkIn(code, at)).toMatchObject({ kind: 'recorded', admitted: true });
    expect(sim.calls.at(-1)).toMatchObject({ endpoint: 'check_in', timestamp: at.getTime() / 1000 });
    expect(await client().checkIn(code, at)).toMatchObject({ kind: 'recorded', admitted: false });
    expect(await client().checkIn('NOPE-1', at)).toEqual({ kind: 'refused', message: 'Ticket does not exist' });
  });

  it('reads the old native-typed answers (Tickera before ~2024) the same way', async () => {
    const old = await startTickeraSim({ apiKey: KEY, tickets: 4, nativeTypes: true });
    try {
      const c = createTickeraClient({ siteUrl: old.url, apiKey: KEY });
      await c.checkCredentials();
      expect(await c.eventEssentials()).toMatchObject({ sold_tickets: 4 });
      const page = await c.ticketsPage(10, 1);
      expect(page.resultsCount).toBe(4);
      expect(typeof page.records[0]!.allowed_checkins).toBe('number');
    } finally {
      await old.close();
    }
  });

  it('normalises site URLs', () => {
    expect(normaliseSiteUrl(' example.org/shop/ ')).toBe('https://example.org/shop');
    expect(normaliseSiteUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
  });
});
