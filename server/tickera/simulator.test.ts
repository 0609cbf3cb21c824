// The simulator must serve what a real Tickera 3.5.7.1 site serves: same keys in the same
// order, same value types (strings everywhere), the same escaping, the same errors.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTickeraSim, type TickeraSim } from '../../tickera-sim/server.ts';

const fixtureText = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** The structure of a JSON value: key order and scalar types, no values. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shape);
  if (v && typeof v === 'object') return Object.entries(v).map(([k, x]) => [k, shape(x)]);
  return v === null ? 'null' : typeof v;
}

describe('Tickera simulator reproduces the real answers', () => {
  let sim: TickeraSim;
  const get = async (path: string) => {
    const res = await fetch(`${sim.url}${path}`);
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  const api = (path: string, key = sim.apiKey) => get(`/tc-api/${key}/${path}`);

  beforeAll(async () => {
    sim = await startTickeraSim({ tickets: 25, seed: 7 });
  });
  afterAll(() => sim.close());

  it('check_credentials, valid and bad key', async () => {
    expect(shape(JSON.parse((await api('check_credentials')).text))).toEqual(shape(JSON.parse(fixtureText('check_credentials.json'))));
    expect(shape(JSON.parse((await api('check_credentials', 'NOPE1234')).text))).toEqual(shape(JSON.parse(fixtureText('check_credentials_bad_key.json'))));
  });

  it('event_essentials, and an empty 200 body for a bad key', async () => {
    const r = await api('event_essentials');
    expect(shape(JSON.parse(r.text))).toEqual(shape(JSON.parse(fixtureText('event_essentials.json'))));
    expect(JSON.parse(r.text)).toMatchObject({ sold_tickets: '25', event_date_time: 'July 10, 2026 6:00 pm' });
    expect(await api('event_essentials', 'NOPE1234')).toMatchObject({ status: 200, text: '' });
  });

  it('tickets_info: data items with string counts, then additional; newest first; past the end only additional', async () => {
    const page = JSON.parse((await api('tickets_info/3/1')).text);
    const real = JSON.parse(fixtureText('tickets_info_per_page_3_page_1.json'));
    expect(page).toHaveLength(4);
    const withOwner = (items: Array<{ data?: { custom_fields: unknown[] } }>) => items.find((i) => i.data?.custom_fields.length === 5);
    const withoutOwner = (items: Array<{ data?: { custom_fields: unknown[] } }>) => items.find((i) => i.data?.custom_fields.length === 4);
    const sample = (await Promise.all([1, 2, 3, 4].map((p) => api(`tickets_info/3/${p}`)))).flatMap((r) => JSON.parse(r.text));
    expect(shape(withOwner(sample))).toEqual(shape(withOwner(real)));
    expect(shape(withoutOwner(sample))).toEqual(shape(withoutOwner(real)));
    expect(shape(page[3])).toEqual(shape(real[3]));
    const ids = page.slice(0, 3).map((i: { data: { checksum: string } }) => i.data.checksum);
    expect(ids[0]).toBe(sim.tickets[sim.tickets.length - 1]!.code);
    const past = JSON.parse((await api('tickets_info/3/100')).text);
    expect(past).toEqual([{ additional: { results_count: '0', execution_time: expect.any(String) } }]);
    expect((await api('tickets_info/3/1', 'NOPE1234')).text).toBe('');
  });

  it('check_in: first scan, repeat (status ""), bare strings, timestamp, and PHP escaping', async () => {
    const code = sim.tickets.find((t) => t.type.allowed === 1)!.code;
    const first = await api(`check_in/${code}`);
    expect(shape(JSON.parse(first.text))).toEqual(shape(JSON.parse(fixtureText('check_in_first_scan.json'))));
    expect(first.text).toContain('"address":"N\\/A"');
    const repeat = JSON.parse((await api(`check_in/${code}`)).text);
    expect(repeat.status).toBe('');
    expect((await api('check_in/NOPE-1')).text).toBe(fixtureText('check_in_unknown_code.json'));
    const other = sim.tickets.find((t) => t.type.allowed === 1 && t.code !== code)!.code;
    const stamped = await api(`check_in/${other}?timestamp=1783706400`);
    expect(shape(JSON.parse(stamped.text))).toEqual(shape(JSON.parse(fixtureText('check_in_with_timestamp.json'))));
  });

  it('ticket_checkins before and after', async () => {
    const code = sim.tickets.find((t) => t.type.allowed === 1 && t.checkins.length === 0)!.code;
    expect((await api(`ticket_checkins/${code}`)).text).toBe(fixtureText('ticket_checkins_before.json'));
    await api(`check_in/${code}`);
    await api(`check_in/${code}`);
    const after = JSON.parse((await api(`ticket_checkins/${code}`)).text);
    expect(shape(after)).toEqual(shape(JSON.parse(fixtureText('ticket_checkins_after.json'))));
    expect(after.map((c: { data: { status: string } }) => c.data.status)).toEqual(['Pass', 'Fail']);
  });

  it('unknown paths are WordPress HTML 404 pages; the key is case-insensitive on the pretty URL', async () => {
    expect(await get('/tc-api/x')).toMatchObject({ status: 404, type: expect.stringContaining('text/html') });
    expect(JSON.parse((await api('check_credentials', sim.apiKey.toLowerCase())).text).pass).toBe('1');
  });

  it('the query-string form works too', async () => {
    const r = await get(`/?tickera=tickera_tickets_info&api_key=${sim.apiKey}&results_per_page=2&page_number=1`);
    expect(JSON.parse(r.text)).toHaveLength(3);
  });
});
