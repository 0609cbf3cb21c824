// The real process: first-run credentials printed once, /health over a socket, and a
// clean exit on SIGTERM — on the embedded database, as a newcomer's `npm start` runs it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLIC_URL_WARNING } from './http/public-url-warning.ts';
import { freePort } from './test/free-port.ts';
import { LISTENING, ServerProcess } from './test/server-process.ts';

// Waits on the process's own lines and exit, never on a clock: under load, compiling
// main.ts with tsx alone can take a minute, which only makes this test slower.
async function runServer(dataDir: string, port: number, whileListening: () => Promise<void>) {
  const server = ServerProcess.spawn({
    PORT: String(port),
    HOST: '127.0.0.1',
    FASTCHECK_DATA_DIR: dataDir,
    DATABASE_URL: '',
    LOG_LEVEL: 'info',
    TICKERA_SCHEDULER: 'off',
    NODE_ENV: 'development',
  });
  try {
    // The first-run credentials, when there are any, are printed before this line.
    await server.listening();
    await whileListening();
  } finally {
    await server.stop();
  }
  return { code: await server.exited, log: server.log };
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
    // Printed before "listening", so whoever waits for that line has them.
    expect(first.log.indexOf('Password:')).toBeLessThan(first.log.search(LISTENING));
    expect(first.log).toContain('"msg":"stopped"');
    // No PUBLIC_URL: one line tells the operator phones need HTTPS.
    expect(first.log.split(PUBLIC_URL_WARNING).length - 1).toBe(1);
    // The password is printed for the person, never written into a log line.
    const logLines = first.log.split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.join('\n')).not.toContain(password!);
    // Secrets kept in the data dir are not in the logs either.
    const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
    for (const v of Object.values(secrets)) expect(first.log).not.toContain(v);

    const second = await runServer(dataDir, port, async () => {});
    expect(second.code).toBe(0);
    expect(second.log).not.toContain('Password:');
  });
});
