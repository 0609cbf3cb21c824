// How soon an online door hears of a conflict (issue 10 item 7: "within 5 s"): one door holds
// the nudge stream open over real HTTP; another door uploads an offline admission of a ticket
// the first door already admitted; the time from that upload's start to the `conflicts` event
// arriving at the first door, and from the upload's answer to it.
import { randomUUID } from 'node:crypto';
import { PHONE_EVENTS_PATH } from '../shared/protocol/phone-events.ts';
import { startConflictFanout } from '../server/mobile/conflict-fanout.ts';
import { readSseEvents } from '../server/test/sse-events.ts';
import { ms, percentile, startBenchServer } from './checkin-kit.ts';

const ROUNDS = 30;
const bench = await startBenchServer({ phones: 2, attendees: 1_000 });
const stopFanout = await startConflictFanout(bench.deps);
const [listener, other] = bench.tokens.map((t) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' }));

async function uploadOffline(headers: Record<string, string>, code: string, at: Date): Promise<string> {
  const scan = {
    scan_id: randomUUID(),
    ticket_code: code,
    scanned_at: at.toISOString(),
    entrance_id: bench.seed.main,
    local_verdict: 'accepted',
    offline: true,
  };
  const res = await fetch(`${bench.base}/api/v1/mobile/scans`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ sent_at: new Date().toISOString(), scans: [scan] }),
  });
  const body = (await res.json()) as { data: { results: Array<{ verdict: string }> } };
  return body.data.results[0]!.verdict;
}

const events = readSseEvents((await fetch(`${bench.base}${PHONE_EVENTS_PATH}`, { headers: { authorization: listener!.authorization! } })).body!);
await events.next((e) => e.event === 'ready');

const fromUpload: number[] = [];
const fromAnswer: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const code = bench.seed.codes[i]!;
  const now = Date.now();
  if ((await uploadOffline(listener!, code, new Date(now - 120_000))) !== 'accepted') throw new Error('first admission was not accepted');
  const started = performance.now();
  const heard = events.next((e) => e.event === 'conflicts').then(() => performance.now());
  const verdict = await uploadOffline(other!, code, new Date(now - 60_000));
  const answered = performance.now();
  if (verdict !== 'conflict') throw new Error(`expected a conflict, got ${verdict}`);
  const at = await heard;
  fromUpload.push(at - started);
  fromAnswer.push(at - answered);
}
fromUpload.sort((a, b) => a - b);
fromAnswer.sort((a, b) => a - b);
const line = (xs: number[]) => `p50 ${ms(percentile(xs, 50))} p95 ${ms(percentile(xs, 95))} max ${ms(xs[xs.length - 1]!)}`;
console.log(`conflict nudge to an online door, ${ROUNDS} conflicts over real HTTP + SSE on Postgres:`);
console.log(`  from the conflicting upload's start: ${line(fromUpload)}`);
console.log(`  from the upload's answer:            ${line(fromAnswer)}`);
await events.close();
await stopFanout();
// The open stream keeps the listener busy; the figures are printed, so end here.
process.exit(0);
