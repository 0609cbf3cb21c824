// How a real Tickera site spends time (tickera-api.md section 7): every API request holds one
// of a bounded number of PHP workers (PHP-FPM's max_children; requests beyond that wait in
// the queue), and the work a request does (about 100 ms per tickets_info page plus 1.3-5 ms
// per row, mostly database queries) runs on a machine with a few cores shared by the busy
// workers: with more busy workers than cores, each one advances proportionally slower
// (processor sharing). Defaults (no limits) make every request cost exactly its work.

export interface PhpSiteOptions {
  /** PHP workers; requests beyond this many wait for one (FIFO). */
  workers?: number;
  /** CPU cores the busy workers share. */
  cores?: number;
}

export interface PhpSite {
  /** Takes a worker (queueing if none is free), does `workMs` of CPU work on it, frees it. */
  serve(workMs: number): Promise<void>;
  /** Requests holding a worker now, and waiting for one. */
  load(): { busy: number; queued: number };
}

interface Job {
  remaining: number;
  done: () => void;
}

export function createPhpSite(options: PhpSiteOptions = {}): PhpSite {
  const workers = options.workers ?? Number.POSITIVE_INFINITY;
  const cores = options.cores ?? Number.POSITIVE_INFINITY;
  const queue: Array<() => void> = [];
  let busy = 0;

  // Processor sharing: all running jobs advance at min(1, cores / jobs) ms of work per ms.
  const jobs = new Set<Job>();
  let last = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const rate = () => (jobs.size === 0 ? 1 : Math.min(1, cores / jobs.size));
  const advance = () => {
    const now = performance.now();
    const r = rate();
    for (const j of jobs) j.remaining -= (now - last) * r;
    last = now;
    for (const j of [...jobs]) {
      if (j.remaining <= 0.01) {
        jobs.delete(j);
        j.done();
      }
    }
  };
  const reschedule = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (jobs.size === 0) return;
    const next = Math.min(...[...jobs].map((j) => j.remaining)) / rate();
    timer = setTimeout(
      () => {
        advance();
        reschedule();
      },
      Math.max(0, next),
    );
  };
  const work = (ms: number) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>((done) => {
          advance();
          jobs.add({ remaining: ms, done });
          reschedule();
        });

  const acquire = (): Promise<void> => {
    if (busy < workers) {
      busy++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      queue.push(resolve);
    });
  };
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else busy--;
  };

  return {
    async serve(workMs) {
      await acquire();
      try {
        await work(workMs);
      } finally {
        release();
      }
    },
    load: () => ({ busy, queued: queue.length }),
  };
}
