// The real process: first-run credentials printed once, /health over a socket, and a
// clean exit on SIGTERM — on the embedded database, as a newcomer's `npm start` runs it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from './test/free-port.ts';

async function runServer(dataDir: string, port: number, untilHealthy: (log: string) => Promise<void>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', FASTCHECK_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'info', TICKERA_SCHEDULER: 'off', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`no health:\n${log}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
    if (ok && log.includes('listening')) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 500)); // first-run output follows the listen callback
  await untilHealthy(log);
  child.kill('SIGTERM');
  const code = await exited;
  return { code, log };
}

describe('the server process', () => {
  it('prints first-run credentials once, serves /health, exits cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fc-main-'));
    const port = await freePort();
    const first = await runServer(dataDir, port, async () => {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
    });
    expect(first.code).toBe(0);
    const password = /Password: (\S+)/.exec(first.log)?.[1];
    expect(password).toMatch(/^[\w-]{20,}$/);
    expect(first.log).toContain('Email:    admin@fastcheck.local');
    expect(first.log).toContain('"msg":"stopped"');
    // The password is printed for the person, never written into a log line.
    const logLines = first.log.split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.join('\n')).not.toContain(password!);
    // Secrets kept in the data dir are not in the logs either.
    const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
    for (const v of Object.values(secrets)) expect(first.log).not.toContain(v);

    const second = await runServer(dataDir, port, async () => {});
    expect(second.code).toBe(0);
    expect(second.log).not.toContain('Password:');
  }, 120_000);
});
