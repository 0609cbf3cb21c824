// A TCP proxy in front of the shared Postgres that a test can cut without stopping it:
// "pass" forwards, "refuse" closes new connections at once, "black-hole" accepts and
// never answers; `resetAll()` kills every open connection (as a Postgres restart would).
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export type ProxyMode = 'pass' | 'refuse' | 'black-hole';

export interface PgProxy {
  /** `url` with its host and port pointing at the proxy. */
  url: string;
  setMode(mode: ProxyMode): void;
  resetAll(): void;
  close(): Promise<void>;
}

export async function startPgProxy(targetUrl: string): Promise<PgProxy> {
  const target = new URL(targetUrl);
  let mode: ProxyMode = 'pass';
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (mode === 'refuse') return client.destroy();
    if (mode === 'black-hole') return;
    const upstream = createConnection(Number(target.port || 5432), target.hostname);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  const resetAll = () => {
    for (const s of sockets) s.destroy();
  };
  return {
    url: url.toString(),
    setMode(next) {
      mode = next;
      if (next !== 'pass') resetAll();
    },
    resetAll,
    close: () =>
      new Promise<void>((resolve) => {
        resetAll();
        server.close(() => resolve());
      }),
  };
}
