// Preloaded into the server process by the memory drill (NODE_OPTIONS=--expose-gc --import):
// on SIGUSR2 it runs a full GC and prints one line with the memory figures and a sequence
// number, so the drill can wait for the answer to each of its asks. Not used in production.
let n = 0;
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  n++;
  process.stdout.write(`${JSON.stringify({ drill_memory: { n, rss: m.rss, heapUsed: m.heapUsed, gc: typeof globalThis.gc === 'function' } })}\n`);
});
