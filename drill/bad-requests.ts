// Drill: generated bad requests over every route of the app (enumerated from the app itself),
// over real HTTP: broken JSON, wrong types, non-objects, deep nesting, bodies over the limit,
// wrong content types, garbage path parameters and query strings, and bad, missing or valid
// credentials (a valid one always with something else wrong). Figures: answers by status
// (0 5xx), rows in every table before and after (0 written), process RSS before and after.
import { serve, type ServerType } from '@hono/node-server';
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../server/app.ts';
import { mobileLogin } from '../server/auth/phone-login.ts';
import { seedEvent } from '../server/checkin/test-fixtures.ts';
import { makeUser, TEST_PASSWORD } from '../server/organiser/console-test-kit.ts';
import { makeTestDeps, testConfig } from '../server/test/app.ts';
import { createTestDatabase } from '../server/test/scratch-db.ts';
import { httpNet, mb, NetworkDrop, tableCounts } from './kit.ts';

export interface BadRequestsOptions {
  requests: number;
  concurrency?: number;
  seed?: number;
}

export interface BadRequestsFigures {
  requests: number;
  routes: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  /** 5xx answers: one example per route, for the report. */
  serverErrorExamples: string[];
  noAnswer: number;
  rowsChanged: Record<string, { before: number; after: number }>;
  rss: { before: number; after: number };
  /** RSS after each quarter of the requests: flat once warm, not growing with the count. */
  rssByQuarter: number[];
  /** Heap in use after a full GC, before and after each quarter (null: run without --expose-gc). */
  heapAfterGc: number[] | null;
}

const gc = (globalThis as { gc?: () => void }).gc;
const heapAfterGc = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};

/** A small deterministic PRNG, so a failing run can be repeated with its seed. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELDS = [
  'email',
  'password',
  'name',
  'scan_id',
  'ticket_code',
  'scans',
  'sent_at',
  'event_id',
  'credential',
  'device_name',
  'role',
  'timezone',
  'direction',
  'entrance_id',
  'site_url',
  'api_key',
  'label',
  'reason',
  'starts_at',
  'checkins_allowed',
  'allowed_ticket_type_ids',
  'csv',
  'user_id',
];
// Never a string: every known field gets a wrong type.
const WRONG = [123, -1, 1e308, 0.5, true, false, null, [], {}, [1, 2, 3], { $gt: '' }, [{ scan_id: 7 }], { nested: { deeper: [null] } }];
const PARAMS = [
  'x',
  '0',
  '-1',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  "'%20or%201=1--",
  'a'.repeat(3000),
  '99999999999999999999',
  '%E0%A4%A',
  '%F0%9F%99%82',
  'null',
  'undefined',
  '%25',
];
const QUERIES = [
  '',
  '?since=yesterday',
  '?limit=-5&cursor=%ZZ',
  '?verdict=maybe&offline=perhaps',
  `?q=${'x'.repeat(5000)}`,
  '?since=1970-01-01T00:00:00Z&limit=1e9',
  '?a[b]=c&a[b]=d',
  '?cursor=-1&until=not-a-date',
  '?event_id=%00',
];

export async function badRequestsDrill(options: BadRequestsOptions): Promise<BadRequestsFigures> {
  const random = mulberry32(options.seed ?? 12);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const scratch = await createTestDatabase('postgres', { max: 10 });
  const deps = makeTestDeps(scratch.database, { config: testConfig({ LOG_LEVEL: 'silent' }) });
  const app = createApp(deps);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const net = httpNet(() => port, new Agent({ keepAlive: true, maxSockets: options.concurrency ?? 16 }));

  // Valid credentials, made before the first count.
  const seed = await seedEvent(scratch.database, { attendees: 50 });
  const admin = await makeUser(scratch.database, 'admin');
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email: admin.email, password: TEST_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`admin sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { token } = await mobileLogin(deps, { event_id: seed.eventId, credential: seed.door, device_name: 'Drill door' });

  const seen = new Set<string>();
  const routes = app.routes
    .filter((r) => ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && Boolean(seen.add(`${r.method} ${r.path}`)));

  const forgedJwt = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: randomUUID(), exp: 9e9 })).toString('base64url')}.c2lnbmF0dXJl`;
  const badAuth: Record<string, string>[] = [
    {},
    { authorization: 'Bearer garbage' },
    { authorization: `Bearer ${forgedJwt}` },
    { authorization: 'Basic YWRtaW46YWRtaW4=' },
    { cookie: 'fc_session=forged' },
    { authorization: `Bearer ${'A'.repeat(10_000)}` },
  ];

  function body(): { headers: Record<string, string>; body?: string } {
    const json = { 'content-type': 'application/json' };
    switch (Math.floor(random() * 9)) {
      case 0:
        return { headers: json, body: pick(['{"a":', '{', 'nul', '{"scans": [}', '\u0000\u0001', '{"email": "a@b.c",}', '}{']) };
      case 1:
      case 2: {
        const o: Record<string, unknown> = {};
        for (const f of FIELDS) if (random() < 0.3) o[f] = pick(WRONG);
        if (Object.keys(o).length === 0) o[pick(FIELDS)] = pick(WRONG);
        return { headers: json, body: JSON.stringify(o) };
      }
      case 3:
        return { headers: json, body: pick(['42', '"text"', '[]', 'null', 'true', '[{"scan_id": 1}]']) };
      case 4:
        return { headers: json, body: `${'['.repeat(5000)}${']'.repeat(5000)}` };
      case 5:
        return random() < 0.3 ? { headers: json, body: JSON.stringify({ name: 'x'.repeat(1_100_000) }) } : { headers: json, body: '' };
      case 6:
        return {
          headers: { 'content-type': pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) },
          body: 'email=a&password=b',
        };
      case 7:
        return { headers: {}, body: '{"email": 5}' };
      default:
        return { headers: json };
    }
  }

  const requestFor = () => {
    const route = pick(routes);
    const hasParams = route.path.includes(':');
    const path = route.path.replace(/:[a-z_]+/g, () => (random() < 0.3 ? randomUUID() : pick(PARAMS))).replace('/*', `/${pick(PARAMS)}`) + pick(QUERIES);
    const writes = route.method !== 'GET';
    // A valid credential only where something else is surely wrong: a garbage or unknown path
    // parameter, or a body no schema accepts (never the sign-out, which needs no body).
    let auth: Record<string, string> = pick(badAuth);
    let b = writes ? body() : { headers: {} as Record<string, string> };
    if (random() < 0.5 && !route.path.endsWith('/logout') && (hasParams || (writes && route.path !== '/api/v1/auth/login'))) {
      auth = random() < 0.5 ? { cookie } : { authorization: `Bearer ${token}` };
      if (!hasParams && (b.body === undefined || b.body === '')) b = { headers: { 'content-type': 'application/json' }, body: '[]' };
    }
    const headers: Record<string, string> = { ...auth, ...b.headers };
    if (random() < 0.7) headers.origin = random() < 0.8 ? base : 'https://evil.example';
    if (random() < 0.1) headers['x-fastcheck-protocol'] = pick(['0', '999', 'abc']);
    return { method: route.method, path, headers, body: b.body, label: `${route.method} ${route.path}` };
  };

  const before = await tableCounts(scratch.database);
  const rssBefore = process.memoryUsage().rss;
  const byStatus: Record<string, number> = {};
  const examples = new Map<string, string>();
  let noAnswer = 0;
  let sent = 0;
  let done = 0;
  const rssByQuarter: number[] = [];
  const heaps = [heapAfterGc()];
  const worker = async () => {
    while (sent < options.requests) {
      sent++;
      const r = requestFor();
      try {
        const res = await net.send(r.method, r.path, r.headers, r.body);
        byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
        if (res.status >= 500 && !examples.has(r.label))
          examples.set(r.label, `${r.method} ${r.path.slice(0, 120)} -> ${res.status} ${res.body.slice(0, 200)}`);
      } catch (err) {
        if (!(err instanceof NetworkDrop)) throw err;
        noAnswer++;
      }
      done++;
      if (done % Math.ceil(options.requests / 4) === 0) {
        rssByQuarter.push(process.memoryUsage().rss);
        heaps.push(heapAfterGc());
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 16 }, worker));
  const rssAfter = process.memoryUsage().rss;
  const after = await tableCounts(scratch.database);
  const rowsChanged: BadRequestsFigures['rowsChanged'] = {};
  for (const t of Object.keys(after)) if (after[t] !== before[t]) rowsChanged[t] = { before: before[t] ?? 0, after: after[t] };

  net.agent.destroy();
  server.close();
  await scratch.drop();
  return {
    requests: options.requests,
    routes: routes.length,
    byStatus,
    serverErrors: Object.entries(byStatus)
      .filter(([s]) => Number(s) >= 500)
      .reduce((a, [, n]) => a + n, 0),
    serverErrorExamples: [...examples.values()],
    noAnswer,
    rowsChanged,
    rss: { before: rssBefore, after: rssAfter },
    rssByQuarter,
    heapAfterGc: gc ? heaps : null,
  };
}

export function badRequestsLines(f: BadRequestsFigures): string[] {
  return [
    `bad requests: ${f.requests} over ${f.routes} routes; answers by status ${JSON.stringify(f.byStatus)}; no answer ${f.noAnswer}`,
    `  5xx: ${f.serverErrors}${f.serverErrorExamples.map((e) => `\n    ${e}`).join('')}`,
    `  tables whose row count changed: ${Object.keys(f.rowsChanged).length === 0 ? 'none (0 rows written)' : JSON.stringify(f.rowsChanged)}`,
    `  RSS before ${mb(f.rss.before)}, after each quarter ${f.rssByQuarter.map(mb).join(', ')}, after ${mb(f.rss.after)}`,
    `  heap after GC (client and server, one process): ${f.heapAfterGc ? f.heapAfterGc.map(mb).join(' -> ') : 'run with --expose-gc to see it'}`,
  ];
}
