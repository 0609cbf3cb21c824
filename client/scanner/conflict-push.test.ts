import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredSession } from '../../phone/rows.ts';
import { ApiError } from '../../shared/api-answer.ts';
import { startConflictPush, type ConflictPush } from './conflict-push.ts';

/** A stand-in for the server's stream over real HTTP: each request is answered by `answer`. */
async function streamServer(answer: (res: ServerResponse, n: number) => void) {
  let n = 0;
  const auth: string[] = [];
  const server = createServer((req, res) => {
    auth.push(req.headers.authorization ?? '');
    answer(res, n++);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  };
  return { url, auth, close };
}

const sse = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/event-stream' });
const session = (server: string) => ({ server, token: 'tok.en.x' }) as StoredSession;

let push: ConflictPush | undefined;
let closeServer: (() => Promise<void>) | undefined;
afterEach(async () => {
  push?.stop();
  await closeServer?.();
});

describe('the door’s nudge stream', () => {
  it('sends the bearer token, hands on ready and conflicts (skipping heartbeats), and opens again after the stream drops', async () => {
    const srv = await streamServer((res, n) => {
      sse(res);
      res.write('event: ready\ndata: {}\n\n: keep-alive\n\n');
      // The first stream carries a nudge split across two writes, then drops; the second stays open.
      if (n === 0) {
        res.write('event: confl');
        setImmediate(() => res.end('icts\ndata: {}\n\n'));
      }
    });
    closeServer = srv.close;
    const heard: string[] = [];
    const live: boolean[] = [];
    const twoReadies = new Promise<void>((resolve) => {
      push = startConflictPush(session(srv.url), {
        onEvent: (e) => {
          heard.push(e);
          if (heard.filter((h) => h === 'ready').length === 2) resolve();
        },
        onRefused: (e) => {
          throw e;
        },
        onLive: (l) => live.push(l),
      });
    });
    await twoReadies;
    expect(heard).toEqual(['ready', 'conflicts', 'ready']);
    expect(live).toEqual([true, false, true]);
    expect(srv.auth).toEqual(['Bearer tok.en.x', 'Bearer tok.en.x']);
  });

  it('stops for good when the server refuses the token', async () => {
    const srv = await streamServer((res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'unauthorized', message: 'sign in again', details: null } }));
    });
    closeServer = srv.close;
    const refused = await new Promise<ApiError>((resolve) => {
      push = startConflictPush(session(srv.url), { onEvent: () => undefined, onRefused: resolve });
    });
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused.status).toBe(401);
    push?.retryNow(); // nothing is waiting: no new request
    expect(srv.auth).toHaveLength(1);
  });

  it('gives up a stream that goes silent (no heartbeat) and opens another', async () => {
    const srv = await streamServer((res) => {
      sse(res);
      res.write('event: ready\ndata: {}\n\n');
    });
    closeServer = srv.close;
    let readies = 0;
    await new Promise<void>((resolve) => {
      push = startConflictPush(
        session(srv.url),
        {
          onEvent: (e) => {
            if (e === 'ready' && ++readies === 2) resolve();
          },
          onRefused: (e) => {
            throw e;
          },
        },
        { silentMs: 150 },
      );
    });
    expect(srv.auth).toHaveLength(2);
  });
});
