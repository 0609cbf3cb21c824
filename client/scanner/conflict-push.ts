// The door's one live line to the server (GET /api/v1/mobile/events-stream), read with fetch
// streaming because EventSource cannot send the Bearer header. It carries nudges only: on
// `conflicts` the caller pulls the conflict feed at once. A dropped stream is opened again
// after a backoff (1 s doubling to 30 s, reset once a stream says `ready`); so is one silent
// for SILENT_MS (the server's heartbeat comes every 15 s: the link died without a word); a
// refused token or protocol stops it, and the caller hears why.
import { ApiError, readResponse } from '../../shared/api-answer.ts';
import { PHONE_EVENTS_PATH, type PhoneEventName } from '../../shared/protocol/phone-events.ts';
import type { StoredSession } from '../../phone/rows.ts';
import { phoneHeaders } from '../../phone/api-client.ts';
import { z } from 'zod';

export const RETRY_FIRST_MS = 1_000;
export const RETRY_MAX_MS = 30_000;
export const SILENT_MS = 40_000;

export interface PushHandlers {
  onEvent(event: PhoneEventName): void;
  /** The server refused the stream for good (401, or this protocol): no more attempts. */
  onRefused(e: ApiError): void;
  /** The stream is open (true) or down and waiting to retry (false). */
  onLive?(live: boolean): void;
}

export interface PushOptions {
  /** How long a stream may say nothing (not even a heartbeat) before it is given up. */
  silentMs?: number;
}

/** Splits an SSE byte stream into its named events; comment lines (heartbeats) are skipped. */
export async function readEventNames(body: ReadableStream<Uint8Array>, onEvent: (name: string) => void, onBytes: () => void = () => {}): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    onBytes();
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
    for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
      const name = buffer
        .slice(0, cut)
        .split('\n')
        .find((l) => l.startsWith('event:'))
        ?.slice(6)
        .trim();
      buffer = buffer.slice(cut + 2);
      if (name) onEvent(name);
    }
  }
}

export interface ConflictPush {
  /** The network is back: a stream waiting out its backoff opens again now. */
  retryNow(): void;
  stop(): void;
}

export function startConflictPush(session: StoredSession, handlers: PushHandlers, options: PushOptions = {}): ConflictPush {
  const silentMs = options.silentMs ?? SILENT_MS;
  const abort = new AbortController();
  let wait = RETRY_FIRST_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = async () => {
    // One controller per stream: stopping aborts it, and so does a silent link.
    const one = new AbortController();
    const stopOne = () => one.abort();
    abort.signal.addEventListener('abort', stopOne);
    let silence: ReturnType<typeof setTimeout> | undefined;
    const heard = () => {
      clearTimeout(silence);
      silence = setTimeout(stopOne, silentMs);
    };
    try {
      heard();
      const res = await fetch(`${session.server}${PHONE_EVENTS_PATH}`, { headers: phoneHeaders(session.token), signal: one.signal, cache: 'no-store' });
      if (!res.ok || !res.body) await readResponse(res, z.unknown()); // throws the server's refusal
      await readEventNames(
        res.body!,
        (name) => {
          if (name === 'ready') {
            wait = RETRY_FIRST_MS;
            handlers.onLive?.(true);
          }
          if (name === 'ready' || name === 'conflicts') handlers.onEvent(name);
        },
        heard,
      );
    } catch (e) {
      if (abort.signal.aborted) return;
      if (e instanceof ApiError && (e.status === 401 || e.code === 'unsupported_protocol')) {
        handlers.onLive?.(false);
        return handlers.onRefused(e);
      }
    } finally {
      clearTimeout(silence);
      abort.signal.removeEventListener('abort', stopOne);
    }
    if (abort.signal.aborted) return;
    handlers.onLive?.(false);
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, wait);
    wait = Math.min(wait * 2, RETRY_MAX_MS);
  };
  void connect();
  return {
    retryNow() {
      if (timer === undefined || abort.signal.aborted) return;
      clearTimeout(timer);
      timer = undefined;
      void connect();
    },
    stop() {
      abort.abort();
      clearTimeout(timer);
    },
  };
}
