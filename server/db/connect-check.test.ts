// A bad DATABASE_URL stops the real process with one plain line and exit code 1.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../test/free-port.ts';
import { adminUrl } from '../test/scratch-db.ts';
import { ServerProcess } from '../test/server-process.ts';

async function startWith(databaseUrl: string) {
  const server = ServerProcess.spawn({
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    FASTCHECK_DATA_DIR: mkdtempSync(join(tmpdir(), 'fc-badurl-')),
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    TICKERA_SCHEDULER: 'off',
    NODE_ENV: 'development',
  });
  return { code: await server.exited, log: server.log };
}

describe('a bad DATABASE_URL', () => {
  it('connection refused: one line, exit 1', async () => {
    const port = await freePort();
    const { code, log } = await startWith(`postgres://postgres@127.0.0.1:${port}/test`);
    expect(code).toBe(1);
    expect(log.trim()).toBe(`DATABASE_URL: cannot connect to 127.0.0.1:${port} (connection refused)`);
  });

  it('unknown database: one line naming it, exit 1', async () => {
    const url = new URL(adminUrl);
    url.pathname = '/fc_no_such_db';
    const { code, log } = await startWith(url.toString());
    expect(code).toBe(1);
    expect(log.trim()).toMatch(/^DATABASE_URL: database "fc_no_such_db" does not exist on /);
  });

  it('unknown role: one line, exit 1', async () => {
    const url = new URL(adminUrl);
    url.username = 'fc_no_such_role';
    const { code, log } = await startWith(url.toString());
    expect(code).toBe(1);
    expect(log.trim().split('\n')).toHaveLength(1);
    expect(log).toMatch(/^DATABASE_URL: .*fc_no_such_role/);
  });
});
