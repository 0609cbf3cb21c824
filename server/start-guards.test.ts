// Start-up guards as real processes: one process per PGlite directory (a stale lock is taken
// over), and `npm start`'s port check before the build.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from './test/free-port.ts';
import { ServerProcess } from './test/server-process.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

async function spawnOn(dataDir: string) {
  return ServerProcess.spawn({
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    FASTCHECK_DATA_DIR: dataDir,
    DATABASE_URL: '',
    LOG_LEVEL: 'info',
    TICKERA_SCHEDULER: 'off',
    NODE_ENV: 'development',
  });
}

describe('start-up guards', () => {
  it('a second process on the same PGlite directory stops with one line', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fc-lock-'));
    const first = await spawnOn(dataDir);
    try {
      await first.listening();
      const second = await spawnOn(dataDir);
      expect(await second.exited).toBe(1);
      // Only the one plain line besides the usual JSON start-up log.
      const plain = second.log.split('\n').filter((l) => l && !l.startsWith('{'));
      expect(plain).toEqual([`FASTCHECK_DATA_DIR ${dataDir} is in use by another FastCheck process (pid ${first.child.pid})`]);
    } finally {
      await first.stop();
    }
  });

  it('a lock left by a dead process is taken over', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'fc-lock-'));
    writeFileSync(join(dataDir, 'pglite.lock'), '999999999');
    const server = await spawnOn(dataDir);
    try {
      await server.listening();
    } finally {
      await server.stop();
    }
    expect(await server.exited).toBe(0);
  });

  it('the port check says a used port in one line', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/check-port.ts'], {
        cwd: root,
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d));
      child.stderr.on('data', (d: Buffer) => (out += d));
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
      expect(code).toBe(1);
      expect(out.trim()).toBe(`PORT ${port} is already in use`);
    } finally {
      busy.close();
    }
  });
});
