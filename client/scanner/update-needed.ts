// When the server refuses this app's protocol version (from the page's own calls, or told
// by the service worker): the scanner says "Update needed" and asks the service worker
// registration for a new version, which then installs at the next quiet moment. Scans go
// on being decided on the phone; the outbox keeps them for the updated app.
import { isUnsupportedProtocol } from '../../shared/api-answer.ts';
import { checkForUpdate } from '../sw-bridge.ts';
import { setStatus } from './store.ts';

/** How often a refused phone asks for a new sw.js (every refused scan would be too often). */
const CHECK_EVERY_MS = 30_000;
let lastCheck = -Infinity;

export function updateNeeded(): void {
  setStatus({ updateNeeded: true });
  if (performance.now() - lastCheck < CHECK_EVERY_MS) return;
  lastCheck = performance.now();
  void checkForUpdate().catch(() => undefined);
}

/** True (and "Update needed" shown) when `e` is the server refusing this app's protocol. */
export function noteProtocolRefusal(e: unknown): boolean {
  if (!isUnsupportedProtocol(e)) return false;
  updateNeeded();
  return true;
}
