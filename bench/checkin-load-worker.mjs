// The load generator of bench/checkin.bench.ts, in a worker thread so the client's own work
// does not share the server's event loop (as phones would not). Plain JS: no loader needed.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { port, tokens, connections, mode, rate, seconds, codes } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: connections });
const verdicts = {};
let errors = 0;

function checkIn(i) {
  const body = JSON.stringify({ scan_id: randomUUID(), ticket_code: `T${String(Math.floor(Math.random() * codes)).padStart(6, '0')}` });
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/check-in',
        agent,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % tokens.length]}`, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) errors++;
          else {
            const v = JSON.parse(Buffer.concat(chunks).toString()).data.verdict;
            verdicts[v] = (verdicts[v] ?? 0) + 1;
          }
          resolve();
        });
      },
    );
    req.on('error', () => {
      errors++;
      resolve();
    });
    req.end(body);
  });
}

const latencies = [];
const started = performance.now();
const elu0 = performance.eventLoopUtilization();
if (mode === 'fixed') {
  // Open loop: latency from the intended send time, so queueing shows up.
  const total = rate * seconds;
  const t0 = performance.now() + 10;
  const inflight = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(checkIn(i).then(() => void latencies.push(performance.now() - due)));
  }
  await Promise.all(inflight);
} else {
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      while (performance.now() < end) {
        const t = performance.now();
        await checkIn(c);
        latencies.push(performance.now() - t);
      }
    }),
  );
}
agent.destroy();
// This thread's busy time, so the bench can say what the load generator itself cost.
const busyMs = performance.eventLoopUtilization(elu0).active;
parentPort.postMessage({ latencies, seconds: (performance.now() - started) / 1000, verdicts, errors, busyMs });
