// Reconciling offline uploads on real Postgres with 10k attendees: one batch of 1,000
// offline scans through the recording use case (the HTTP route caps a request at 500, so
// also 2 × 500 over the real route), with ~10% of tickets scanned twice (conflicts).
import { randomUUID } from 'node:crypto';
import { recordScans, type IncomingScan } from '../server/checkin/record-scans.ts';
import { codeFor } from '../server/checkin/test-fixtures.ts';
import { verifyDeviceToken } from '../server/auth/phone-token.ts';
import { ms, startBenchServer } from './checkin-kit.ts';

const bench = await startBenchServer({ phones: 1, checkinsAllowed: 1 });
const claims = (await verifyDeviceToken(bench.deps.config, bench.tokens[0], new Date()))!;
const device = { eventId: claims.evt, deviceId: claims.sub, credentialId: claims.cid, entranceId: null, role: 'door' as const, generation: claims.gen };

let next = 0;
function offlineBatch(n: number): IncomingScan[] {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => {
    // Every tenth scan repeats the ticket of the scan before it: an offline double admission.
    const code = i % 10 === 9 ? codeFor((next - 1) % 10_000) : codeFor(next++ % 10_000);
    return { scanId: randomUUID(), ticketCode: code, scannedAt: new Date(now - 600_000 + i * 100), direction: 'in', offline: true, localVerdict: 'accepted' };
  });
}

// Warm-up.
await recordScans(bench.deps, device, offlineBatch(200), { clockSkewMs: 0, expectRepeats: true });

const times: number[] = [];
let tally: Record<string, number> = {};
for (let round = 0; round < 5; round++) {
  const batch = offlineBatch(1000);
  const t = performance.now();
  const results = await recordScans(bench.deps, device, batch, { clockSkewMs: 0, expectRepeats: true });
  times.push(performance.now() - t);
  tally = {};
  for (const r of results) tally['verdict' in r ? r.verdict : 'error'] = (tally['verdict' in r ? r.verdict : 'error'] ?? 0) + 1;
}
times.sort((a, b) => a - b);
console.log(
  `one batch of 1,000 offline scans (use case, 5 rounds): median ${ms(times[2])}, min ${ms(times[0])}, max ${ms(times[4])}; last round ${JSON.stringify(tally)}`,
);

// The same batch uploaded again: every scan id is known, nothing is written.
const repeat = offlineBatch(1000);
await recordScans(bench.deps, device, repeat, { clockSkewMs: 0, expectRepeats: true });
const t = performance.now();
await recordScans(bench.deps, device, repeat, { clockSkewMs: 0, expectRepeats: true });
console.log(`the same 1,000 scans uploaded again (all repeats): ${ms(performance.now() - t)}`);

// Over the real route: 2 requests of 500 (the protocol's cap).
const httpTimes: number[] = [];
for (let round = 0; round < 3; round++) {
  const batch = offlineBatch(1000);
  const t0 = performance.now();
  for (const half of [batch.slice(0, 500), batch.slice(500)]) {
    const res = await fetch(`${bench.base}/api/v1/mobile/scans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bench.tokens[0]}` },
      body: JSON.stringify({
        sent_at: new Date().toISOString(),
        scans: half.map((s) => ({
          scan_id: s.scanId,
          ticket_code: s.ticketCode,
          scanned_at: s.scannedAt.toISOString(),
          direction: 'in',
          offline: true,
          local_verdict: 'accepted',
        })),
      }),
    });
    if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }
  httpTimes.push(performance.now() - t0);
}
httpTimes.sort((a, b) => a - b);
console.log(`1,000 offline scans as 2 × 500 over HTTP (3 rounds): median ${ms(httpTimes[1])}, min ${ms(httpTimes[0])}, max ${ms(httpTimes[2])}`);
await bench.close();
process.exit(0);
