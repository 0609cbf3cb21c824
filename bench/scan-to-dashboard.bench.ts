// Scan-to-dashboard latency over real HTTP on real Postgres, with the services main.ts starts
// (the NOTIFY fan-out included): from the check-in's response to the arrival of the first
// `stats` SSE event that shows it. A quiet door (one scan every 400 ms) and a rush (10 doors
// scanning back to back). Target: ≤ 1 s.
import { makeUser, signIn } from '../server/organiser/console-test-kit.ts';
import { eventStats } from '../server/stats/event-stats.ts';
import { readStats } from '../server/stats/sse-reader.ts';
import { PROTOCOL_HEADER } from '../shared/protocol/headers.ts';
import { PROTOCOL_VERSION } from '../shared/protocol/protocol-version.ts';
import type { EventStats } from '../shared/protocol/stats.ts';
import { ms, percentile, startBenchServer } from './checkin-kit.ts';

process.env.BENCH_SERVICES ??= '1';
const DOORS = 10;
const bench = await startBenchServer({ attendees: 10_000, phones: DOORS });
const { base, seed, tokens } = bench;
const admin = await makeUser(bench.tdb.database, 'admin');
const cookie = await signIn(bench.app, admin.email);

// The dashboard: every stats event with its arrival time.
const res = await fetch(`${base}/api/v1/events/${seed.eventId}/stream`, { headers: { cookie } });
const stream = readStats(res.body!);
const arrivals: { at: number; stats: EventStats }[] = [];
let waiters: (() => void)[] = [];
void (async () => {
  for (;;) {
    const stats = await stream.next().catch(() => null);
    if (!stats) return;
    arrivals.push({ at: performance.timeOrigin + performance.now(), stats });
    for (const w of waiters) w();
    waiters = [];
  }
})();
const nextArrival = () => new Promise<void>((r) => waiters.push(r));
while (arrivals.length === 0) await nextArrival();

/**
 * Ms from `answeredAt` to the first stats event that shows at least `admitted` (every scan is a
 * new ticket, so the k-th answered scan is in once `admitted` reaches base + k); 0 when that
 * event came before the answer did.
 */
async function latencyAfter(answeredAt: number, admitted: number): Promise<number> {
  for (;;) {
    const hit = arrivals.find((a) => a.stats.admitted >= admitted);
    if (hit) return Math.max(0, hit.at - answeredAt);
    await nextArrival();
  }
}
const admittedNow = () => arrivals[arrivals.length - 1].stats.admitted;

let next = 0;
async function scan(door: number): Promise<number> {
  const code = seed.codes[next++];
  const r = await fetch(`${base}/api/v1/check-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${tokens[door]}` },
    body: JSON.stringify({ scan_id: crypto.randomUUID(), ticket_code: code, entrance_id: seed.main }),
  });
  if (r.status !== 200) throw new Error(`check-in answered ${r.status}`);
  await r.arrayBuffer();
  return performance.timeOrigin + performance.now();
}

function report(label: string, times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(40)} n=${s.length}  p50 ${ms(percentile(s, 50)).padStart(10)}  p95 ${ms(percentile(s, 95)).padStart(10)}  max ${ms(s[s.length - 1]).padStart(10)}`,
  );
}

console.log('scan response → dashboard stats event:');
const quiet: number[] = [];
for (let i = 0; i < 60; i++) {
  const need = admittedNow() + 1;
  quiet.push(await latencyAfter(await scan(0), need));
  await new Promise((r) => setTimeout(r, 400));
}
report('one door, a scan every 400 ms', quiet);

const rushStart = arrivals.length;
const before = admittedNow();
const answered: number[] = [];
await Promise.all(
  Array.from({ length: DOORS }, async (_, door) => {
    for (let i = 0; i < 30; i++) answered.push(await scan(door));
  }),
);
// The k-th answer: k scans are in by then (an upper bound for each scan's own latency).
report(`${DOORS} doors scanning back to back`, await Promise.all(answered.map((t, k) => latencyAfter(t, before + k + 1))));
console.log(
  `  (${(answered.length / ((Math.max(...answered) - Math.min(...answered)) / 1000)).toFixed(0)} scans/s; ${arrivals.length - rushStart} stats events)`,
);

// What one push costs: the snapshot alone, no scans running.
const compute: number[] = [];
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  await eventStats(bench.deps, seed.eventId);
  compute.push(performance.now() - t);
}
report('(computing one snapshot, for comparison)', compute);

await stream.close();
await bench.close();
process.exit(0);
