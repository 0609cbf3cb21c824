// Messages between the page and the service worker (postMessage), one zod discriminated
// union each way, so neither side trusts an untyped `event.data`.
import { z } from 'zod';

export const pageToSwMessageSchema = z.discriminatedUnion('type', [
  /** Upload the outbox now (page timer, `online`, a button). */
  z.object({ type: z.literal('flush-outbox') }),
  /** The check-in deadline before deciding locally, in milliseconds. */
  z.object({ type: z.literal('configure'), deadline_ms: z.number().int().min(50).max(30_000) }),
  /** Activate a waiting update: the page sends it only at an idle moment. */
  z.object({ type: z.literal('SKIP_WAITING') }),
]);
export type PageToSwMessage = z.infer<typeof pageToSwMessageSchema>;

export const swToPageMessageSchema = z.discriminatedUnion('type', [
  /** The outbox changed: `pending` scans are still waiting for the server. */
  z.object({ type: z.literal('outbox-changed'), pending: z.number().int().nonnegative() }),
  /** A flush finished: how many scans the server answered, how many came back `conflict`. */
  z.object({
    type: z.literal('flush-done'),
    uploaded: z.number().int().nonnegative(),
    conflicts: z.number().int().nonnegative(),
    pending: z.number().int().nonnegative(),
    error: z.string().nullable(),
  }),
  /** The server refused this app's protocol version: the page shows "Update needed" and looks for a new version. */
  z.object({ type: z.literal('update-needed') }),
  /** The server refused the phone's token (expired or revoked): the page says "Sign in again". */
  z.object({ type: z.literal('session-ended') }),
]);
export type SwToPageMessage = z.infer<typeof swToPageMessageSchema>;

export function parsePageToSw(data: unknown): PageToSwMessage | null {
  const r = pageToSwMessageSchema.safeParse(data);
  return r.success ? r.data : null;
}

export function parseSwToPage(data: unknown): SwToPageMessage | null {
  const r = swToPageMessageSchema.safeParse(data);
  return r.success ? r.data : null;
}
