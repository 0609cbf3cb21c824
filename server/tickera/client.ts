// The Tickera check-in API client (native fetch). Every answer is parsed with the zod
// schemas in parse.ts; reads are retried with backoff and jitter on network errors,
// timeouts and 5xx, never on a definite answer; check_in is never retried here. The API
// key sits in the URL path and is redacted from every log line and error message.
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  checkCredentialsSchema,
  checkInSchema,
  eventEssentialsSchema,
  ticketCheckinsSchema,
  ticketsPageSchema,
  wpIndexSchema,
  type CheckInAnswer,
  type EventEssentials,
  type TicketCheckins,
  type TicketsPage,
} from './parse.ts';
import type { SiteZone } from './dates.ts';
import { redactKey } from './redact.ts';
import { TickeraError } from './tickera-error.ts';

export interface TickeraClientOptions {
  siteUrl: string;
  apiKey: string;
  logger?: Logger;
  /** Per request; the vendor's own example uses 45 s, third-party clients 30 s. */
  timeoutMs?: number;
  /** Attempts for reads (1 = no retry). */
  attempts?: number;
  backoffMs?: number;
  /** Called with the time spent waiting on the site for every request, for the sync's time split. */
  onWait?: (ms: number) => void;
}

export interface TickeraClient {
  checkCredentials(): Promise<void>;
  /** Refuses a key covering several events (TickeraError multiple_events) unless `multiple`. */
  eventEssentials(options?: { multiple?: boolean }): Promise<EventEssentials>;
  ticketsPage(perPage: number, page: number): Promise<TicketsPage>;
  /** One check_in call, never retried: a timeout surfaces as TickeraError('timeout'). */
  checkIn(code: string, scannedAt: Date): Promise<CheckInAnswer>;
  ticketCheckins(code: string): Promise<TicketCheckins>;
  /** The site's timezone from /wp-json/; {} when the REST index is unavailable. */
  siteZone(): Promise<SiteZone>;
}

/** "example.org/shop/" → "https://example.org/shop"; keeps http:// when given. */
export function normaliseSiteUrl(siteUrl: string): string {
  const trimmed = siteUrl.trim().replace(/\/+$/, '');
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createTickeraClient(options: TickeraClientOptions): TickeraClient {
  const base = normaliseSiteUrl(options.siteUrl);
  // Stray whitespace around a pasted key is the vendor's most common login failure.
  const apiKey = options.apiKey.trim();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const attempts = options.attempts ?? 4;
  const backoffMs = options.backoffMs ?? 250;
  const log = options.logger;
  const redact = (s: string) => redactKey(s, apiKey);

  async function fetchText(url: string, endpoint: string): Promise<{ status: number; type: string; body: string }> {
    const started = performance.now();
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
      const body = await res.text();
      log?.debug({ endpoint, url: redact(url), status: res.status, ms: Math.round(performance.now() - started) }, 'tickera request');
      return { status: res.status, type: res.headers.get('content-type') ?? '', body };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new TickeraError('timeout', `${endpoint} after ${timeoutMs} ms`);
      throw new TickeraError('unreachable', redact(e.cause?.code ?? e.cause?.message ?? e.message));
    } finally {
      options.onWait?.(performance.now() - started);
    }
  }

  /** Classifies a raw answer: 5xx, HTML pages and other statuses become errors a person can act on. */
  function answerBody({ status, type, body }: { status: number; type: string; body: string }, endpoint: string): string {
    if (status >= 500) throw new TickeraError('server_error', `${status} to ${endpoint}`);
    const looksHtml = /^\s*</.test(body) || type.includes('text/html');
    if (looksHtml) throw new TickeraError('not_tickera', `${endpoint} answered HTTP ${status} with an HTML page`);
    if (status !== 200) throw new TickeraError('bad_answer', `HTTP ${status} to ${endpoint}`);
    return body;
  }

  async function get<S extends z.ZodType>(path: string, endpoint: string, schema: S, retry: boolean): Promise<z.output<S>> {
    const url = `${base}/tc-api/${encodeURIComponent(apiKey)}/${path}`;
    for (let attempt = 1; ; attempt++) {
      try {
        const body = answerBody(await fetchText(url, endpoint), endpoint);
        // Tickera writes nothing at all when the key lookup fails.
        if (body.trim() === '') throw new TickeraError('key_rejected', `${endpoint} came back empty`);
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          throw new TickeraError('not_tickera', `${endpoint} did not answer JSON`);
        }
        const parsed = schema.safeParse(json);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new TickeraError('bad_answer', `${endpoint}: ${issue.path.join('.') || '(root)'} ${issue.message}`);
        }
        return parsed.data;
      } catch (err) {
        const retryable = err instanceof TickeraError && err.retryable;
        if (!retry || !retryable || attempt >= attempts) {
          if (err instanceof TickeraError) log?.warn({ endpoint, url: redact(url), attempt, error: err.message }, 'tickera request failed');
          throw err;
        }
        const wait = backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random());
        log?.info({ endpoint, attempt, waitMs: Math.round(wait), error: (err as Error).message }, 'tickera request failed, retrying');
        await sleep(wait);
      }
    }
  }

  return {
    async checkCredentials() {
      const answer = await get('check_credentials', 'check_credentials', checkCredentialsSchema, true);
      if (!answer.pass) throw new TickeraError('key_rejected');
    },
    async eventEssentials(o) {
      const essentials = await get('event_essentials', 'event_essentials', eventEssentialsSchema, true);
      if (essentials.event_name === 'Multiple Events' && !o?.multiple) throw new TickeraError('multiple_events');
      return essentials;
    },
    ticketsPage(perPage, page) {
      return get(`tickets_info/${perPage}/${page}`, `tickets_info page ${page}`, ticketsPageSchema, true);
    },
    checkIn(code, scannedAt) {
      const ts = Math.floor(scannedAt.getTime() / 1000);
      return get(`check_in/${encodeURIComponent(code)}?timestamp=${ts}`, 'check_in', checkInSchema, false);
    },
    ticketCheckins(code) {
      return get(`ticket_checkins/${encodeURIComponent(code)}`, 'ticket_checkins', ticketCheckinsSchema, true);
    },
    async siteZone() {
      try {
        const res = await fetch(`${base}/wp-json/`, { signal: AbortSignal.timeout(timeoutMs) });
        if (!res.ok) return {};
        const parsed = wpIndexSchema.safeParse(await res.json());
        if (!parsed.success) return {};
        const iana = parsed.data.timezone_string?.trim();
        return { iana: iana || undefined, offsetHours: parsed.data.gmt_offset };
      } catch {
        return {};
      }
    },
  };
}
