// The Tickera simulator: a node:http server that serves the check-in API the way a real
// Tickera 3.5.7.1 site does (tickera-api.md), quirks included: string-typed values,
// kses entities, bare-string errors, empty 200 bodies for a bad key, newest-first OFFSET
// paging with a trailing `additional` element, HTML 404 pages. Tests drive its failure
// injection, live sales and page latency; every call is recorded in `calls`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { executionTime, phpJson, wpDateTime, wpEventDateTime } from './php-format.ts';
import { createPhpSite } from './php-site.ts';
import { createTicketFactory, defaultTicketTypes, remainingCheckins, type SimTicket, type SimTicketType } from './tickets.ts';

export type SimEndpoint = 'check_credentials' | 'event_essentials' | 'tickets_info' | 'check_in' | 'ticket_checkins' | 'translation';
export type FailureKind = '500' | 'html' | 'timeout' | 'empty' | 'timeout_after_recording' | 'bad_record';

export interface SimFailure {
  endpoint: SimEndpoint;
  /** tickets_info only: the page number to fail; any page when omitted. */
  page?: number;
  kind: FailureKind;
  /** How many requests fail; Infinity = permanently. */
  times: number;
}

export interface SimCall {
  endpoint: SimEndpoint | 'wp-json' | 'unknown';
  at: Date;
  page?: number;
  perPage?: number;
  code?: string;
  timestamp?: number;
  keyValid: boolean;
}

export interface SimOptions {
  /** Default: 8 uppercase hex characters, like Tickera's generated keys. */
  apiKey?: string;
  tickets?: number;
  seed?: number;
  types?: SimTicketType[];
  eventName?: string;
  eventLocation?: string;
  eventStart?: Date;
  timezone?: string;
  /** Serve `Multiple Events` from event_essentials (a key covering every event). */
  multiEventKey?: boolean;
  /** false = the site has its REST API disabled: /wp-json/ is an HTML 404. */
  wpJson?: boolean;
  /** Work for every tickets_info page, plus per row served (a real site: ~100 ms + 1.3-5 ms/row). */
  pageLatencyMs?: number;
  rowLatencyMs?: number;
  /** With it, each page's per-row cost is drawn uniformly from [rowLatencyMs, rowLatencyMaxMs]. */
  rowLatencyMaxMs?: number;
  /** PHP workers serving the API (requests beyond queue) and the cores they share; unlimited by default. */
  workers?: number;
  cores?: number;
  essentialsLatencyMs?: number;
  checkInLatencyMs?: number;
  /** Answer with native JSON types (Tickera before ~2024) instead of strings. */
  nativeTypes?: boolean;
  port?: number;
  host?: string;
  clock?: () => Date;
}

export interface TickeraSim {
  url: string;
  apiKey: string;
  tickets: SimTicket[];
  calls: SimCall[];
  /** Resolves with the next call (from now on) that matches: tests wait on it instead of a clock. */
  nextCall(match?: (call: SimCall) => boolean): Promise<SimCall>;
  fail(failure: SimFailure): void;
  clearFailures(): void;
  /** Sell new tickets now (newest first, so they land on page 1). */
  sell(count: number): SimTicket[];
  /** Sell `count` tickets the moment tickets_info page `page` is requested. */
  sellDuring(page: number, count: number): void;
  /** A refunded/cancelled order's tickets stop appearing. */
  remove(code: string): void;
  find(code: string): SimTicket | undefined;
  close(): Promise<void>;
}

const sanitizeKey = (k: string) => k.toLowerCase().replace(/[^a-z0-9_-]/g, '');
const html404 =
  '<!DOCTYPE html>\n<html lang="en-US"><head><title>Page not found &#8211; Lab Fest</title></head><body class="error404"><h1>Oops! That page can&rsquo;t be found.</h1></body></html>';

export async function startTickeraSim(options: SimOptions = {}): Promise<TickeraSim> {
  const clock = options.clock ?? (() => new Date());
  const apiKey = options.apiKey ?? Array.from({ length: 8 }, () => '0123456789ABCDEF'[Math.floor(Math.random() * 16)]).join('');
  const zone = { iana: options.timezone ?? 'Europe/Brussels' };
  const eventStart = options.eventStart ?? new Date('2026-07-10T16:00:00Z');
  const factory = createTicketFactory(options.seed ?? 42, options.types ?? defaultTicketTypes);
  const tickets: SimTicket[] = factory.sell(options.tickets ?? 100, new Date(eventStart.getTime() - 30 * 86_400_000));
  const byCode = new Map(tickets.map((t) => [t.code.toLowerCase(), t]));
  const failures: SimFailure[] = [];
  const salesDuring = new Map<number, number>();
  const calls: SimCall[] = [];
  const callWaiters = new Set<{ match: (c: SimCall) => boolean; resolve: (c: SimCall) => void }>();
  const record = (call: SimCall) => {
    calls.push(call);
    for (const w of [...callWaiters]) {
      if (w.match(call)) {
        callWaiters.delete(w);
        w.resolve(call);
      }
    }
  };
  const hanging = new Set<ServerResponse>();
  const s = (v: number | boolean | string): string | number | boolean => {
    if (options.nativeTypes) return v;
    return typeof v === 'boolean' ? (v ? '1' : '') : String(v);
  };

  const sell = (count: number) => {
    const sold = factory.sell(count, clock());
    for (const t of sold) {
      tickets.push(t);
      byCode.set(t.code.toLowerCase(), t);
    }
    return sold;
  };

  const takeFailure = (endpoint: SimEndpoint, page?: number): FailureKind | undefined => {
    const f = failures.find((x) => x.endpoint === endpoint && x.times > 0 && (x.page === undefined || x.page === page));
    if (!f) return undefined;
    f.times -= 1;
    return f.kind;
  };

  const recordRecord = (t: SimTicket) => ({
    date_checked: t.checkins.length ? wpDateTime(t.checkins[t.checkins.length - 1]!.at, zone) : '',
    payment_date: wpDateTime(t.paidAt, zone),
    transaction_id: t.code,
    checksum: t.code,
    buyer_first: t.ownerFirst,
    buyer_last: t.ownerLast,
    custom_fields: [
      ['Ticket Type', t.type.title],
      ['Event', options.eventName ?? 'Lab Fest 2026'],
      ['Buyer Name', `${t.buyerFirst} ${t.buyerLast}`],
      ['Buyer E-mail', t.buyerEmail],
      ...(t.ownerEmail ? [['Attendee E-mail', t.ownerEmail]] : []),
    ],
    custom_field_count: s(t.ownerEmail ? 5 : 4),
    allowed_checkins: s(remainingCheckins(t)),
    custom_ticket_info: [],
  });

  function checkIn(code: string, timestamp: number | undefined): unknown {
    const t = byCode.get(code.toLowerCase());
    if (!t) return 'Ticket does not exist';
    const admitted = remainingCheckins(t) > 0;
    t.checkins.push({ at: timestamp ? new Date(timestamp * 1000) : clock(), status: admitted ? 'Pass' : 'Fail' });
    return {
      status: s(admitted),
      previous_status: '',
      pass: s(true),
      name: `${t.ownerFirst} ${t.ownerLast}`,
      payment_date: wpDateTime(t.paidAt, zone),
      address: 'N/A',
      city: 'N/A',
      state: 'N/A',
      country: 'N/A',
      checksum: t.code,
      ...(timestamp ? { timestamp: String(timestamp) } : {}),
      custom_fields: [
        ['Ticket Type', t.type.title],
        ['Buyer Name', `${t.buyerFirst} ${t.buyerLast}`],
        ['Buyer E-mail', t.buyerEmail],
      ],
    };
  }

  // Every API request holds a PHP worker for its work (php-site.ts).
  const site = createPhpSite({ workers: options.workers, cores: options.cores });
  const sleep = (ms: number) => site.serve(ms);
  const rowCost = () => {
    const min = options.rowLatencyMs ?? 0;
    const max = options.rowLatencyMaxMs ?? min;
    return min + Math.random() * Math.max(0, max - min);
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://sim');
    const send = (status: number, body: string, type = 'application/json; charset=UTF-8') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache, no-store, must-revalidate', pragma: 'no-cache', expires: '0' });
      res.end(body);
    };
    const json = (value: unknown) => send(200, phpJson(value));
    const path = url.pathname.replace(/\/+$/, '');

    if (path === '/wp-json') {
      record({ endpoint: 'wp-json', at: clock(), keyValid: true });
      if (options.wpJson === false) return send(404, html404, 'text/html; charset=UTF-8');
      return json({
        name: 'Lab Fest',
        description: '',
        url: `http://${req.headers.host}`,
        home: `http://${req.headers.host}`,
        gmt_offset: '2',
        timezone_string: zone.iana,
        namespaces: ['oembed/1.0', 'wp/v2'],
        authentication: [],
        routes: {},
      });
    }

    // Pretty form /tc-api/{KEY}/{request}; the query-string form ?tickera=…&api_key=… also works.
    let key: string;
    let request: string[];
    const m = /^\/tc-api\/([^/]+)\/(.+)$/.exec(path);
    if (m) {
      key = sanitizeKey(decodeURIComponent(m[1]!));
      request = m[2]!.split('/').map(decodeURIComponent);
    } else if (url.searchParams.has('tickera') && url.searchParams.has('api_key')) {
      key = url.searchParams.get('api_key')!.toLowerCase();
      const name = url.searchParams.get('tickera')!.replace(/^tickera_/, '');
      const q = (k: string) => url.searchParams.get(k) ?? '';
      request =
        name === 'tickets_info'
          ? ['tickets_info', q('results_per_page') || '50', q('page_number') || '1']
          : name === 'scan'
            ? ['check_in', q('checksum')]
            : name === 'checkins'
              ? ['ticket_checkins', q('checksum')]
              : [name];
    } else {
      record({ endpoint: 'unknown', at: clock(), keyValid: false });
      return send(404, html404, 'text/html; charset=UTF-8');
    }
    const keyValid = key === sanitizeKey(apiKey);
    const endpoint = request[0] as SimEndpoint;
    const call: SimCall = { endpoint, at: clock(), keyValid };

    const page = endpoint === 'tickets_info' ? Number.parseInt(request[2] ?? '1', 10) || 1 : undefined;
    if (page !== undefined) {
      call.page = page;
      call.perPage = Number.parseInt(request[1] ?? '50', 10) || 50;
    }
    if (endpoint === 'check_in' || endpoint === 'ticket_checkins') call.code = request.slice(1).join('/');
    if (endpoint === 'check_in' && url.searchParams.get('timestamp')) call.timestamp = Number(url.searchParams.get('timestamp'));
    record(call);

    const failure = takeFailure(endpoint, page);
    if (failure === '500') return send(500, '<html><body><h1>There has been a critical error on this website.</h1></body></html>', 'text/html; charset=UTF-8');
    if (failure === 'html')
      return send(
        200,
        '<!DOCTYPE html><html><body>Briefly unavailable for scheduled maintenance. Check back in a minute.</body></html>',
        'text/html; charset=UTF-8',
      );
    if (failure === 'empty') return send(200, '');
    if (failure === 'timeout' || failure === 'timeout_after_recording') {
      if (failure === 'timeout_after_recording' && endpoint === 'check_in') checkIn(call.code ?? '', call.timestamp);
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return; // never answers; the client's timeout fires
    }

    switch (endpoint) {
      case 'check_credentials':
      case 'translation':
        if (!keyValid) return json({ pass: s(false), execution_time: executionTime(performance.now() - started) });
        if (endpoint === 'translation') return json({ API_KEY: 'API KEY', PASS: 'Pass', FAIL: 'Fail' });
        return json({
          pass: s(true),
          license_key: '',
          admin_email: 'admin@example.invalid',
          tc_iw_is_pr: s(false),
          check_type: 'email',
          execution_time: executionTime(performance.now() - started),
        });
      case 'event_essentials': {
        if (!keyValid) return send(200, '');
        await sleep(options.essentialsLatencyMs ?? 0);
        const checked = tickets.filter((t) => t.checkins.some((c) => c.status === 'Pass')).length;
        const single = !options.multiEventKey;
        return json({
          sold_tickets: s(tickets.length),
          checked_tickets: s(checked),
          execution_time: executionTime(performance.now() - started),
          pass: s(true),
          event_name: single ? (options.eventName ?? 'Lab Fest 2026') : 'Multiple Events',
          event_date_time: single ? wpEventDateTime(eventStart, zone) : 'N/A',
          event_location: single ? (options.eventLocation ?? 'Main Hall, 1 Loopback Road') : 'N/A',
        });
      }
      case 'tickets_info': {
        if (!keyValid) return send(200, '');
        const sales = salesDuring.get(page!);
        if (sales) {
          salesDuring.delete(page!);
          sell(sales);
        }
        const perPage = call.perPage!;
        // `tickets` is kept in id order, so newest-first OFFSET paging reads it from the end.
        const end = Math.max(0, tickets.length - (page! - 1) * perPage);
        const rows = tickets.slice(Math.max(0, end - perPage), end).reverse();
        await sleep((options.pageLatencyMs ?? 0) + rowCost() * rows.length);
        const items = rows.map((t) => ({ data: recordRecord(t) }));
        // An add-on that mangles one record: its code goes missing.
        if (failure === 'bad_record' && items[1]) items[1].data.checksum = '';
        return json([...items, { additional: { results_count: s(rows.length), execution_time: executionTime(performance.now() - started) } }]);
      }
      case 'check_in':
        if (!keyValid) return send(200, '');
        await sleep(options.checkInLatencyMs ?? 0);
        return json(checkIn(call.code ?? '', call.timestamp));
      case 'ticket_checkins': {
        if (!keyValid) return send(200, '');
        const t = byCode.get((call.code ?? '').toLowerCase());
        return json((t?.checkins ?? []).map((c) => ({ data: { date_checked: wpDateTime(c.at, zone), status: c.status } })));
      }
      default:
        return send(404, html404, 'text/html; charset=UTF-8');
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    apiKey,
    tickets,
    calls,
    nextCall: (match = () => true) => new Promise((resolve) => void callWaiters.add({ match, resolve })),
    fail: (f) => failures.push({ ...f }),
    clearFailures: () => void failures.splice(0),
    sell,
    sellDuring: (page, count) => void salesDuring.set(page, count),
    remove(code) {
      const i = tickets.findIndex((t) => t.code === code);
      if (i >= 0) tickets.splice(i, 1);
      byCode.delete(code.toLowerCase());
    },
    find: (code) => byCode.get(code.toLowerCase()),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
