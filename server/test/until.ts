// Waits for state that has no event to wait on (a row a background worker updates): reads
// it until it is as wanted. No deadline of its own: vitest's test timeout is the safety
// net, so a slow machine makes a test slower, never red.
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, everyMs = 20): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
