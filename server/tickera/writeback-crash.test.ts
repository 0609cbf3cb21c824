// kill -9 of a real server process in the middle of write-back: a second process takes the
// dead one's claims over once their short lease runs out, and Tickera ends with exactly one
// check-in per queued scan (calls in flight at the kill are re-read, never blindly resent).
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../test/db.ts';
import { runWritebackCrash } from './writeback-crash-kit.ts';

describe('write-back across kill -9', () => {
  const t = useTestDatabase('postgres');

  it('a restarted instance takes the dead one’s claims over and Tickera has no double check-in', async () => {
    const run = await runWritebackCrash(t().database, t().url!, { rows: 40, checkInLatencyMs: 300 });
    console.log(
      `write-back after kill -9: restarted process listening after ${run.listeningAfterRestartMs} ms, first call ${run.resumeAfterRestartMs} ms after restart, dead instance's ${run.heldAtKill} claims ` +
        `(${run.uncertainAtKill} mid-call) first touched ${run.takeoverStartAfterRestartMs} ms, done ${run.takeoverAfterRestartMs} ms after restart, queue drained ${run.drainedAfterRestartMs} ms after restart`,
    );
    expect(run.heldAtKill).toBeGreaterThan(0);
    expect(run.uncertainAtKill).toBeGreaterThan(0);
    expect(run.takeovers).toBe(run.heldAtKill);
    expect({ doubles: run.doubles, missing: run.missing, notDone: run.notDone }).toEqual({ doubles: 0, missing: 0, notDone: 0 });
  }, 180_000);
});
