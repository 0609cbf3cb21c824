// A phone's first attendee download of 10,000 attendees over real HTTP with gzip: bytes on
// the wire, uncompressed size, requests and time, at the default page size and in one page.
import { Agent } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { httpRequest, ms, startBenchServer } from './checkin-kit.ts';

const bench = await startBenchServer({ phones: 1 });
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const headers = { authorization: `Bearer ${bench.tokens[0]}`, 'accept-encoding': 'gzip' };

async function firstPull(limit?: number) {
  let cursor = '0';
  let wire = 0;
  let raw = 0;
  let requests = 0;
  let rows = 0;
  const t = performance.now();
  for (;;) {
    const path = `/api/v1/mobile/attendees?since=${cursor}${limit ? `&limit=${limit}` : ''}`;
    const res = await httpRequest(agent, bench.port, 'GET', path, headers);
    if (res.status !== 200) throw new Error(`pull failed: ${res.status}`);
    requests++;
    wire += res.body.length;
    const text = res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.body) : res.body;
    raw += text.length;
    const { data } = JSON.parse(text.toString()) as { data: { attendees: unknown[]; next_cursor: string; has_more: boolean } };
    rows += data.attendees.length;
    cursor = data.next_cursor;
    if (!data.has_more) break;
  }
  return { ms: performance.now() - t, wire, raw, requests, rows };
}

await firstPull(); // warm-up
for (const limit of [undefined, 10_000]) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await firstPull(limit));
  runs.sort((a, b) => a.ms - b.ms);
  const r = runs[1];
  console.log(
    `first pull, limit ${limit ?? 'default (5000)'}: ${r.rows} attendees in ${r.requests} requests, ${(r.wire / 1024).toFixed(0)} KiB on the wire (gzip), ${(r.raw / 1024).toFixed(0)} KiB JSON, median ${ms(r.ms)} (min ${ms(runs[0].ms)})`,
  );
}
// The 30 s poll of a phone that is up to date: nothing changed, neither attendees nor rules.
async function emptyPolls(query: string, n: number) {
  const first = await httpRequest(agent, bench.port, 'GET', '/api/v1/mobile/attendees?limit=10000', headers);
  const text = first.headers['content-encoding'] === 'gzip' ? gunzipSync(first.body) : first.body;
  const { data } = JSON.parse(text.toString()) as { data: { next_cursor: string; rules_version?: number } };
  const path = `/api/v1/mobile/attendees?since=${data.next_cursor}${query.replace('VERSION', String(data.rules_version ?? 1))}`;
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await httpRequest(agent, bench.port, 'GET', path, headers);
    times.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`poll failed: ${res.status}`);
    bytes = res.body.length;
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(n / 2)], p99: times[Math.floor(n * 0.99)], bytes };
}
for (const [label, query] of [
  ['no rules version (older phone)', ''],
  ['rules version unchanged', '&rules_version=VERSION'],
]) {
  await emptyPolls(query, 50); // warm-up
  const r = await emptyPolls(query, 500);
  console.log(`empty delta poll, ${label}: p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, ${r.bytes} bytes on the wire (500 polls)`);
}
agent.destroy();
await bench.close();
process.exit(0);
