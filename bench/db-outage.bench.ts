// Postgres goes away for 10 s under a steady check-in load (the drill in drill/db-cut.ts at
// full length): a switchable TCP proxy between the real app (over real HTTP) and real
// Postgres refuses (Postgres stopped), then black-holes (network gone), every connection. Prints /health answer times
// during the cut, check-in answers by status during the cut (503s expected; no 500s, none
// unanswered), and the time from the link's return to the first 200 check-in (target <= 5 s).
import { dbCutDrill, dbCutLines } from '../drill/db-cut.ts';
import { createLogger } from '../server/logger.ts';
import { logUnhandledRejections } from '../server/process-guards.ts';

// As in the server process: a stray rejection from the driver is logged, never fatal.
logUnhandledRejections(createLogger('warn'));
for (const mode of ['refuse', 'black-hole'] as const) {
  const figures = await dbCutDrill({ mode, cutMs: 10_000, rate: 50, beforeMs: 3000, afterMs: 8000 });
  for (const line of dbCutLines(figures)) console.log(line);
}
process.exit(0);
