// Two real server processes on one Postgres database: a check-in on one is pushed on the
// other's SSE stream (Postgres NOTIFY fan-out), with the same numbers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newScanId, seedEvent } from '../checkin/test-fixtures.ts';
import { makeUser, TEST_PASSWORD } from '../organiser/console-test-kit.ts';
import { testSecrets } from '../test/app.ts';
import { useTestDatabase } from '../test/db.ts';
import { freePort } from '../test/free-port.ts';
import { readStats } from './sse-reader.ts';

const children: ChildProcess[] = [];
afterAll(async () => {
  await Promise.all(
    children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : (c.once('exit', resolve), c.kill('SIGTERM'))))),
  );
});

async function startServer(databaseUrl: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      ...testSecrets,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      FASTCHECK_DATA_DIR: mkdtempSync(join(tmpdir(), 'fc-two-')),
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      TICKERA_SCHEDULER: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`${base}/health`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return base;
}

describe('two server processes on one database', () => {
  const t = useTestDatabase('postgres');

  it('a check-in on one process is pushed on the other\'s stream within 1 s', async () => {
    const seed = await seedEvent(t().database, { attendees: 10 });
    const admin = await makeUser(t().database, 'admin');
    const [a, b] = [await startServer(t().url!), await startServer(t().url!)];

    const login = await fetch(`${b}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const stream = await fetch(`${b}/api/v1/events/${seed.eventId}/stream`, { headers: { cookie } });
    expect(stream.status).toBe(200);
    const reader = readStats(stream.body!);
    expect((await reader.next()).admitted).toBe(0);

    const phone = await fetch(`${a}/api/v1/mobile/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event_id: seed.eventId, credential: seed.door }),
    });
    const { token } = ((await phone.json()) as { data: { token: string } }).data;
    const started = Date.now();
    const scan = await fetch(`${a}/api/v1/check-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ scan_id: newScanId(), ticket_code: seed.codes[0] }),
    });
    expect(((await scan.json()) as { data: { verdict: string } }).data.verdict).toBe('accepted');
    const pushed = await reader.next((s) => s.admitted === 1, 1000);
    const latency = Date.now() - started;
    expect(latency).toBeLessThan(1000);
    const direct = ((await (await fetch(`${a}/api/v1/events/${seed.eventId}/stats`, { headers: { cookie } })).json()) as { data: { admitted: number } }).data;
    expect(direct.admitted).toBe(pushed.admitted);
    await reader.close();
  }, 120_000);
});
