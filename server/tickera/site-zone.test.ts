// Reading the site's zone from /wp-json/, and saying why not when a security plugin, a
// disabled REST API or a theme's home page answers instead; the event a ticket belongs to.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOfRecords, recordEvent, scopeRecords } from './event-scope.ts';
import { ticketRecordSchema } from './parse.ts';
import { readSiteZone, siteWallTimes } from './site-zone.ts';

describe('readSiteZone', () => {
  let server: Server;
  let base: string;
  const answers: Record<string, [number, string, string]> = {
    '/ok': [200, 'application/json', '{"name":"Shop","timezone_string":"Europe/Amsterdam","gmt_offset":2}'],
    '/offset': [200, 'application/json', '{"name":"Shop","timezone_string":"","gmt_offset":"5.5"}'],
    '/forbidden': [403, 'text/html', '<html><body>Blocked by Wordfence</body></html>'],
    '/off': [404, 'text/html', '<html><body>Not found</body></html>'],
    '/home': [200, 'text/html', '<!DOCTYPE html><html><body>Welcome to our shop</body></html>'],
    '/nothing': [200, 'application/json', '{"name":"Shop"}'],
  };
  beforeAll(async () => {
    server = createServer((req, res) => {
      const [status, type, body] = answers[(req.url ?? '').replace(/\/wp-json\/$/, '')] ?? [500, 'text/plain', 'no'];
      res.writeHead(status, { 'content-type': type }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('reads the IANA zone, or a bare offset', async () => {
    expect(await readSiteZone(`${base}/ok`)).toEqual({ zone: { iana: 'Europe/Amsterdam', offsetHours: 2 }, unknownBecause: null });
    expect(await readSiteZone(`${base}/offset`)).toEqual({ zone: { iana: undefined, offsetHours: 5.5 }, unknownBecause: null });
  });

  it('says why the zone is unknown', async () => {
    expect((await readSiteZone(`${base}/forbidden`)).unknownBecause).toMatch(/is blocked \(HTTP 403, often a security plugin\)/);
    expect((await readSiteZone(`${base}/off`)).unknownBecause).toMatch(/is turned off \(HTTP 404\)/);
    expect((await readSiteZone(`${base}/home`)).unknownBecause).toMatch(/answered with an HTML page instead of JSON/);
    expect((await readSiteZone(`${base}/nothing`)).unknownBecause).toMatch(/names no time zone/);
    expect((await readSiteZone(`${base}/broken`)).unknownBecause).toMatch(/answered HTTP 500/);
    expect((await readSiteZone('http://127.0.0.1:1')).unknownBecause).toMatch(/did not answer/);
  });

  it('gives Tickera start text as wall-clock readings', () => {
    expect(siteWallTimes('July 10, 2026 6:00 pm')).toEqual(['2026-07-10T18:00']);
    expect(siteWallTimes('03/07/2026 20:00')).toEqual(['2026-03-07T20:00', '2026-07-03T20:00']);
    expect(siteWallTimes('N/A')).toEqual([]);
  });
});

describe('event scope', () => {
  const record = (code: string, fields: string[][]) => ticketRecordSchema.parse({ checksum: code, allowed_checkins: '1', custom_fields: fields });
  const records = new Map(
    [
      record('A-1', [
        ['Ticket Type', 'General'],
        ['Event', 'Gala &amp; Ball'],
      ]),
      record('A-2', [
        ['Tickettype', 'VIP'],
        ['Evenement', 'Gala &amp; Ball'],
      ]),
      // A translated label FastCheck does not know: the Event pair's usual position.
      record('B-1', [
        ['Billettype', 'General'],
        ['Arrangement', 'Jazz'],
      ]),
    ].map((r) => [r.checksum, r]),
  );

  it('finds each ticket’s event by label or position, and splits a key by it', () => {
    expect(recordEvent(records.get('A-2')!)).toBe('Gala & Ball');
    expect(recordEvent(records.get('B-1')!)).toBe('Jazz');
    expect(eventsOfRecords(records.values())).toEqual([
      { title: 'Gala & Ball', tickets: 2 },
      { title: 'Jazz', tickets: 1 },
    ]);
    expect([...scopeRecords(records, 'Jazz').keys()]).toEqual(['B-1']);
    expect(scopeRecords(records, null)).toBe(records);
  });
});
