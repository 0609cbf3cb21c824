// `npm run drill [-- --short] [name…]`: runs every drill (or the named ones), each in its own
// process (as a server process would be: unhandled rejections logged, never fatal; one
// drill's memory is not another's), and prints their figures. `--short` is the form CI runs
// (drill/drills.test.ts). A child given `--json` also prints its figures as one JSON line.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../server/logger.ts';
import { logUnhandledRejections } from '../server/process-guards.ts';
import { drills } from './drills.ts';

export const FIGURES_PREFIX = 'DRILL_FIGURES ';

const args = process.argv.slice(2);
const short = args.includes('--short');
const wanted = args.filter((a) => !a.startsWith('--'));
const names = Object.keys(drills).filter((n) => wanted.length === 0 || wanted.some((w) => n.includes(w)));

if (process.env.FASTCHECK_DRILL_CHILD === '1') {
  logUnhandledRejections(createLogger('warn'));
  for (const name of names) {
    const run = await drills[name](short);
    for (const line of run.lines) console.log(line);
    if (args.includes('--json')) console.log(`${FIGURES_PREFIX}${JSON.stringify(run.figures)}`);
  }
  process.exit(0);
}
let failed = 0;
for (const name of names) {
  console.log(`\n=== drill ${name}${short ? ' (short)' : ''}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), name, ...(short ? ['--short'] : [])], {
    stdio: 'inherit',
    env: { ...process.env, FASTCHECK_DRILL_CHILD: '1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  });
  console.log(`--- ${name}: ${r.status === 0 ? 'ok' : `failed (exit ${r.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) failed++;
}
if (names.length === 0) console.log('no drills matched');
process.exit(failed ? 1 : 0);
