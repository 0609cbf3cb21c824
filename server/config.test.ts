import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactConfig } from './config.ts';
import { ServerProcess } from './test/server-process.ts';

const dataDir = () => mkdtempSync(join(tmpdir(), 'fc-config-'));

describe('config', () => {
  it('production lists every missing or malformed secret at once', () => {
    try {
      loadConfig({ NODE_ENV: 'production', ENCRYPTION_KEY: 'short', FASTCHECK_DATA_DIR: dataDir() });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).toContain('ENCRYPTION_KEY: must be 64 hex characters');
      // The malformed value is never echoed.
      expect(message).not.toContain('short');
    }
    try {
      loadConfig({ NODE_ENV: 'production', FASTCHECK_DATA_DIR: dataDir() });
      expect.unreachable();
    } catch (err) {
      const { problems } = err as ConfigError;
      expect(problems).toEqual([
        'SECRET_KEY_BASE: required when NODE_ENV=production',
        'ENCRYPTION_KEY: required when NODE_ENV=production',
        'MOBILE_JWT_SECRET: required when NODE_ENV=production',
      ]);
    }
  });

  it('the server exits 1 naming the missing secret in production', async () => {
    // No time limit of its own: starting tsx on a loaded machine is slow, not wrong.
    const server = ServerProcess.spawn({
      NODE_ENV: 'production',
      SECRET_KEY_BASE: 'x'.repeat(40),
      ENCRYPTION_KEY: 'a'.repeat(64),
      MOBILE_JWT_SECRET: '',
      DATABASE_URL: '',
    });
    expect(await server.exited).toBe(1);
    expect(server.log).toContain('MOBILE_JWT_SECRET: required when NODE_ENV=production');
    expect(server.log).not.toContain('x'.repeat(40));
  });

  it('development generates secrets once, keeps them 0600 and reuses them', () => {
    const dir = dataDir();
    const first = loadConfig({ FASTCHECK_DATA_DIR: dir });
    const second = loadConfig({ FASTCHECK_DATA_DIR: dir });
    expect(first.secrets).toEqual(second.secrets);
    expect(first.secrets.ENCRYPTION_KEY).toMatch(/^[0-9a-f]{64}$/);
    const file = join(dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).SECRET_KEY_BASE).toBe(first.secrets.SECRET_KEY_BASE);
  });

  it('bad values name the variable; defaults apply', () => {
    expect(() => loadConfig({ PORT: 'eighty', FASTCHECK_DATA_DIR: dataDir() })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', FASTCHECK_DATA_DIR: dataDir() })).toThrow(/DATABASE_URL: must start with postgres/);
    const c = loadConfig({ FASTCHECK_DATA_DIR: dataDir() });
    expect(c.port).toBe(4000);
    expect(c.rateLimitSync).toBe(3);
    expect(c.rateLimitScan).toBe(50);
  });

  it('redactConfig hides secrets and database passwords', () => {
    const c = loadConfig({ FASTCHECK_DATA_DIR: dataDir(), DATABASE_URL: 'postgres://u:hunter2@db/x', ADMIN_PASSWORD: 'supersecretpw' });
    const text = JSON.stringify(redactConfig(c));
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('supersecretpw');
    for (const v of Object.values(c.secrets)) expect(text).not.toContain(v);
  });

  it('DATABASE_DIRECT_URL is a postgres URL beside DATABASE_URL, and its password is redacted', () => {
    const base = { FASTCHECK_DATA_DIR: dataDir(), DATABASE_URL: 'postgres://u:pw1@bouncer:6432/x', PGBOUNCER: 'true' };
    expect(() => loadConfig({ ...base, DATABASE_DIRECT_URL: 'mysql://x' })).toThrow(/DATABASE_DIRECT_URL: must start with postgres/);
    expect(() => loadConfig({ FASTCHECK_DATA_DIR: dataDir(), DATABASE_DIRECT_URL: 'postgres://db/x' })).toThrow(
      /DATABASE_DIRECT_URL: only used with DATABASE_URL/,
    );
    const c = loadConfig({ ...base, DATABASE_DIRECT_URL: 'postgres://u:direct-secret@db:5432/x' });
    expect(c.databaseDirectUrl).toBe('postgres://u:direct-secret@db:5432/x');
    const text = JSON.stringify(redactConfig(c));
    expect(text).not.toContain('direct-secret');
    expect(text).toContain('postgres://u:[redacted]@db:5432/x');
  });
});
