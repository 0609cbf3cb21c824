// deploy/backup.sh and deploy/restore-check.sh against the real test Postgres: a dump is
// written, dumps older than KEEP_DAYS are removed, and the newest dump restores and counts rows.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl, createTestDatabase, type TestDatabase } from '../server/test/scratch-db.ts';

const run = (script: string, env: Record<string, string>) =>
  execFileSync('bash', [join('deploy', script)], { env: { ...process.env, ...env }, encoding: 'utf8' });

describe('deploy scripts', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    dir = mkdtempSync(join(tmpdir(), 'fc-backup-'));
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('parse as bash', () => {
    for (const script of ['backup.sh', 'restore-check.sh']) execFileSync('bash', ['-n', join('deploy', script)]);
  });

  it('backup.sh writes a custom-format dump and removes dumps older than KEEP_DAYS', () => {
    const old = join(dir, 'fastcheck-20000101T000000Z.dump');
    const recent = join(dir, 'fastcheck-20000102T000000Z.dump');
    writeFileSync(old, 'old');
    writeFileSync(recent, 'recent');
    const day = 24 * 3600;
    const now = Date.now() / 1000;
    utimesSync(old, now - 30 * day, now - 30 * day);
    utimesSync(recent, now - day, now - day);
    run('backup.sh', { DATABASE_URL: db.url ?? '', BACKUP_DIR: dir, KEEP_DAYS: '14' });
    const files = readdirSync(dir);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(files.filter((f) => f.endsWith('.dump') && f !== 'fastcheck-20000102T000000Z.dump')).toHaveLength(1);
  });

  it('restore-check.sh restores the newest dump and counts the main tables', () => {
    const scratch = `fc_restore_${Date.now().toString(36)}`;
    const out = run('restore-check.sh', { ADMIN_URL: adminUrl, BACKUP_DIR: dir, SCRATCH_DB: scratch });
    expect(out).toContain(`into ${scratch}`);
    expect(out).toMatch(/^events: 0$/m);
    expect(out).toMatch(/^check_ins: 0$/m);
    execFileSync('psql', ['-q', adminUrl, '-c', `DROP DATABASE ${scratch}`]);
  });
});
