// Reads the API's one envelope for every client (scanner page, service worker, console):
// `{data}` parsed with the payload's schema, `{error}` turned into an ApiError carrying the
// server's code, message and details. Pure: it sees a status and a body, never the network.
import type { z } from 'zod';
import { dataEnvelope, errorEnvelopeSchema, type ErrorCode } from './errors.ts';

/**
 * Codes a client adds to the server's own: an error answer without our envelope (a proxy's
 * page), a success it cannot read, no answer at all.
 */
export type ClientErrorCode = 'http_error' | 'bad_answer' | 'network_error';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * No answer from FastCheck: no network, the server down, or a 5xx from something in front
 * of it (`status` then says which; it is null when nothing answered at all).
 */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** The data of a 2xx answer, or the ApiError the answer amounts to. */
export function readAnswer<T>(status: number, body: unknown, schema: z.ZodType<T>): T {
  if (status < 200 || status > 299) {
    const envelope = errorEnvelopeSchema.safeParse(body);
    if (!envelope.success) throw new ApiError(status, 'http_error', `The server answered HTTP ${status}`);
    const { code, message, details } = envelope.data.error;
    throw new ApiError(status, code, message, details);
  }
  const parsed = dataEnvelope(schema).safeParse(body);
  if (!parsed.success) throw new ApiError(status, 'bad_answer', 'The server answered something this app does not understand');
  return parsed.data.data;
}

/** What readResponse needs of a fetch Response (shared/ has no DOM types). */
export interface AnswerLike {
  status: number;
  json(): Promise<unknown>;
}

/** Reads a Response's body (null when it is not JSON) with readAnswer. */
export async function readResponse<T>(res: AnswerLike, schema: z.ZodType<T>): Promise<T> {
  const body: unknown = await res.json().catch(() => null);
  return readAnswer(res.status, body, schema);
}

export const isUnsupportedProtocol = (e: unknown): e is ApiError => e instanceof ApiError && e.code === 'unsupported_protocol';
