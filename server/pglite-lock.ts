// One process per embedded database directory: a lock file holding the owner's pid. A lock
// left by a process that is gone is taken over; a live owner stops this start with one line.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or returns the line explaining who holds it. */
export function lockPgliteDir(dataDir: string): string | null {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'pglite.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      process.once('exit', () => rmSync(file, { force: true }));
      return null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        return `FASTCHECK_DATA_DIR ${dataDir} is in use by another FastCheck process (pid ${owner})`;
      }
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  return `FASTCHECK_DATA_DIR ${dataDir}: could not take the lock ${file}`;
}

/** For main.ts: exits with the one line when another live process holds the directory. */
export function exitUnlessPgliteDirFree(databaseUrl: string | undefined, dataDir: string): void {
  if (databaseUrl) return;
  const problem = lockPgliteDir(dataDir);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
