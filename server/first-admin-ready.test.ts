// The first admin exists before /health first says 200: signing in right then works.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from './test/free-port.ts';
import { ServerProcess } from './test/server-process.ts';
import { until } from './test/until.ts';

describe('start-up order', () => {
  it('signs in as the first admin at the first /health 200', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = ServerProcess.spawn({
      PORT: String(port),
      HOST: '127.0.0.1',
      FASTCHECK_DATA_DIR: mkdtempSync(join(tmpdir(), 'fc-first-')),
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      TICKERA_SCHEDULER: 'off',
      NODE_ENV: 'development',
      ADMIN_EMAIL: 'first@example.com',
      ADMIN_PASSWORD: 'first-admin-password',
    });
    try {
      // Polls the socket (not the log line) so the first 200 is the first the world could see.
      await until(
        () =>
          fetch(`${base}/health`).then(
            (r) => r.status,
            () => 0,
          ),
        (status) => status === 200,
      );
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ email: 'first@example.com', password: 'first-admin-password' }),
      });
      expect(res.status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
