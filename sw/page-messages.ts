/// <reference lib="webworker" />
// Messages from the page: flush now, set the check-in deadline's ceiling (the deadline itself
// adapts to measured round trips: sw/link-state.ts), activate a waiting update.
import { parsePageToSw } from '../shared/protocol/sw-messages.ts';

export interface MessageContext {
  settings: { deadlineMs: number };
  wake: () => Promise<void>;
}

export function handlePageMessage(sw: ServiceWorkerGlobalScope, event: ExtendableMessageEvent, ctx: MessageContext): void {
  const message = parsePageToSw(event.data);
  if (!message) return;
  switch (message.type) {
    case 'flush-outbox':
      event.waitUntil(ctx.wake());
      break;
    case 'configure':
      ctx.settings.deadlineMs = message.deadline_ms;
      break;
    case 'SKIP_WAITING':
      event.waitUntil(sw.skipWaiting());
      break;
  }
}
