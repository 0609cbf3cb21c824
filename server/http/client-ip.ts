// The client's IP address, for rate limits and session records. Behind a trusted proxy
// (config.trustProxy) it is the right-most X-Forwarded-For entry, the one our own proxy
// appended and a client cannot forge; otherwise the socket's peer address. Requests with
// no socket (app.request() in tests) and no trusted header are all 'unknown': they share
// one bucket, which errs on the side of throttling.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Config } from '../config.ts';

export const UNKNOWN_IP = 'unknown';

export function clientIp(c: Context, config: Pick<Config, 'trustProxy'>): string {
  if (config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .pop();
    if (last) return last;
  }
  return socketAddress(c) ?? UNKNOWN_IP;
}

function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address ?? undefined;
  } catch {
    // No Node socket behind this request (app.request(), other runtimes).
    return undefined;
  }
}
