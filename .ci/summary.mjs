// Prints what each stage of `npm test` did, then one closing line over both runners' JSON
// reports: "tests: N passed, N failed". `npm test` runs lint && typecheck && unit && e2e, so a
// failed stage means the later ones never start: their tests are listed (without running
// them) and counted as failed, so a run that skipped a stage can never look green.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
// The runners' own listing, without the CI reporters (which would overwrite the reports).
const quiet = { env: { ...process.env, CI: '' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 };
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

function listUnit() {
  try {
    const tests = JSON.parse(execFileSync('npx', ['vitest', 'list', '--json'], quiet));
    return { tests: tests.length, files: new Set(tests.map((t) => t.file)).size };
  } catch {
    return null;
  }
}

function listE2e() {
  try {
    const report = JSON.parse(execFileSync('npx', ['playwright', 'test', '--list', '--reporter=json'], quiet));
    const count = (suite) => (suite.specs ?? []).reduce((n, s) => n + s.tests.length, 0) + (suite.suites ?? []).reduce((n, s) => n + count(s), 0);
    return { tests: report.suites.reduce((n, s) => n + count(s), 0), files: report.suites.length };
  } catch {
    return null;
  }
}

function passes(command, args) {
  try {
    execFileSync(command, args, quiet);
    return true;
  } catch {
    return false;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
let notRun = 0;
const lines = [];

const unit = read('reports/vitest.json');
const e2e = read('reports/e2e.json');

// The lint stage runs first and leaves no report: run it again (Biome takes about a second).
const lint = passes('npx', ['biome', 'check', '--error-on-warnings', '.']);
lines.push(lint ? 'lint: passed' : 'lint: failed (npm run lint shows what)');
if (!lint) failed += 1;

if (unit) {
  const p = unit.numPassedTests ?? 0;
  // A file that fails to load has no failed tests, only a failed suite.
  const f = unit.numFailedTests || unit.numFailedTestSuites || 0;
  const s = (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
  passed += p;
  failed += f;
  skipped += s;
  lines.push('typecheck: passed');
  lines.push(`unit: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}`);
} else {
  // No unit report: lint or the type check failed (so unit never started), or vitest did.
  const typecheck = passes('npx', ['tsc', '-b']);
  lines.push(typecheck ? 'typecheck: passed' : 'typecheck: failed');
  const listed = listUnit();
  notRun += listed?.tests ?? 0;
  lines.push(
    `unit: did not run${listed ? ` (${plural(listed.tests, 'test')} in ${plural(listed.files, 'file')})` : ' (its tests could not be listed)'}${!lint ? ': lint failed' : typecheck ? '' : ': the type check failed'}`,
  );
}

const e2eListed = listE2e();
if (e2e) {
  const st = e2e.stats ?? {};
  const p = st.expected ?? 0;
  const f = (st.unexpected ?? 0) + (st.flaky ?? 0);
  const s = st.skipped ?? 0;
  passed += p;
  failed += f;
  skipped += s;
  // Started but cut short (killed, interrupted): the tests it never reached did not run.
  const missing = e2eListed ? Math.max(0, e2eListed.tests - (p + f + s)) : 0;
  notRun += missing;
  // Errors outside any test (a spec that does not load, a crashed worker) count as failures.
  const errors = e2e.errors?.length ?? 0;
  failed += errors;
  lines.push(
    `e2e: ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}${missing ? `, ${missing} did not run` : ''}${errors ? `, ${plural(errors, 'error')} outside tests` : ''}`,
  );
} else {
  notRun += e2eListed?.tests ?? 0;
  const why = !unit ? ': an earlier stage failed' : failed > 0 ? ': unit tests failed' : ': the build or Playwright failed to start';
  lines.push(
    `e2e: did not run${e2eListed ? ` (${plural(e2eListed.tests, 'test')} in ${plural(e2eListed.files, 'file')})` : ' (its tests could not be listed)'}${why}`,
  );
}

for (const l of lines) console.log(l);
// Tests that never ran count as failed: "tests: N passed, N failed" is never green by omission.
failed += notRun;
console.log(`tests: ${passed} passed, ${failed} failed${notRun ? ` (${notRun} of them did not run)` : ''}${skipped ? `, ${skipped} skipped` : ''}`);
