// A real `server/main.ts` process for tests, watched through its output: tests wait for a
// line it prints (or for it to exit), never for a clock, so a slow machine only makes
// them slower. The only time limit is the test runner's own.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The line main.ts logs (at info) once the socket accepts connections. */
export const LISTENING = /"msg":"FastCheck listening on /;

export class ServerProcess {
  /** Everything printed so far, stdout and stderr interleaved as received. */
  log = '';
  /** The exit code (null when killed by a signal), once its output is read to the end. */
  readonly exited: Promise<number | null>;
  private readonly lines: string[] = [];
  private readonly waiters = new Set<{ match: RegExp; resolve: (line: string) => void }>();
  private partial = '';

  private constructor(readonly child: ChildProcess) {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      this.log += text;
      const parts = (this.partial + text).split('\n');
      this.partial = parts.pop() ?? '';
      for (const line of parts) this.onLine(line);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    // 'close', not 'exit': by then stdout and stderr are read to the end.
    this.exited = new Promise((resolve) =>
      child.once('close', (code) => {
        if (this.partial) this.onLine(this.partial);
        this.partial = '';
        resolve(code);
      }),
    );
  }

  /** `node --import tsx server/main.ts` with `env` over this process's environment. */
  static spawn(env: Record<string, string>): ServerProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ServerProcess(child);
  }

  private onLine(line: string) {
    this.lines.push(line);
    for (const w of [...this.waiters]) {
      if (w.match.test(line)) {
        this.waiters.delete(w);
        w.resolve(line);
      }
    }
  }

  /** The first line (already printed or still to come) matching; rejects if the process exits first. */
  waitForLine(match: RegExp): Promise<string> {
    const seen = this.lines.find((l) => match.test(l));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve };
      this.waiters.add(waiter);
      void this.exited.then((code) => {
        if (!this.waiters.has(waiter)) return;
        this.waiters.delete(waiter);
        reject(new Error(`server exited (${code}) before printing ${match}:\n${this.log}`));
      });
    });
  }

  /** Resolves once the server listens (its info-level log line says so). */
  listening(): Promise<string> {
    return this.waitForLine(LISTENING);
  }

  /** SIGTERM, then the exit code; a process already gone just reports its code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}
