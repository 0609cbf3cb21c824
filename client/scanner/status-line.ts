// What the door's one line of state says, from what the phone knows: connection, the cached
// list, scans still to upload, and whether this page can work offline at all. Pure, so each
// combination is a table test; the components only render the parts.

export type OfflineSupport = 'unsupported' | 'installing' | 'controlling';

export interface LineState {
  online: boolean;
  attendees: number;
  pending: number;
}

export interface LinePart {
  /** Stable test id of the part (status-online, status-attendees, status-mode, status-pending). */
  id: string;
  text: string;
  tone: 'ok' | 'warn' | 'plain';
  /** On a line too long for the screen this part gives way (ellipsis); the others never do. */
  shrinks: boolean;
}

/**
 * "Online · 10,000 attendees · 3 to upload" / "Offline · deciding here · 3 to upload": short
 * enough for one line at 320 px ("deciding on this phone" did not fit even at 390 px).
 */
export function statusLine(s: LineState): LinePart[] {
  const parts: LinePart[] = [{ id: 'status-online', text: s.online ? 'Online' : 'Offline', tone: s.online ? 'ok' : 'warn', shrinks: false }];
  if (s.attendees === 0) parts.push({ id: 'status-attendees', text: 'no attendees on this phone', tone: 'warn', shrinks: true });
  else if (s.online) parts.push({ id: 'status-attendees', text: `${s.attendees.toLocaleString('en')} attendees`, tone: 'plain', shrinks: true });
  else parts.push({ id: 'status-mode', text: 'deciding here', tone: 'plain', shrinks: true });
  if (s.pending > 0) parts.push({ id: 'status-pending', text: `${s.pending.toLocaleString('en')} to upload`, tone: 'warn', shrinks: false });
  return parts;
}

export interface ReadinessState {
  sw: OfflineSupport;
  /** window.isSecureContext: service workers and cameras need HTTPS (or localhost). */
  secure: boolean;
  attendees: number;
  online: boolean;
}

export interface Readiness {
  /** Short words beside the app's name; null when the status line already says it (offline). */
  text: string | null;
  tone: 'ok' | 'warn' | 'plain';
  /** Why, in plain words, when the page cannot work offline. */
  why: string | null;
}

/**
 * "Ready offline" only when the service worker controls the page and there is a list to decide
 * against; a page that can never work offline says why.
 */
export function offlineReadiness(s: ReadinessState): Readiness {
  if (s.sw === 'unsupported') {
    return {
      text: 'Online only',
      tone: 'warn',
      why: s.secure
        ? 'This browser cannot keep the app on the phone, so scans need signal. Use an up-to-date Chrome, Safari or Firefox.'
        : 'This page was not opened over HTTPS, so the phone cannot keep the app or decide scans without signal, and the camera is blocked. Open the https:// address of this server.',
    };
  }
  if (s.sw === 'installing') return { text: 'Preparing offline mode…', tone: 'plain', why: null };
  if (s.attendees === 0) return { text: 'Offline mode installed · no attendees yet', tone: 'plain', why: null };
  if (!s.online) return { text: null, tone: 'plain', why: null };
  return { text: 'Ready offline', tone: 'ok', why: null };
}

/** Why the camera did not start, in words door staff can act on. */
export function cameraProblem(error: unknown, env: { secure: boolean; hasGetUserMedia: boolean }): string {
  if (!env.secure || !env.hasGetUserMedia) {
    return 'The camera cannot start: browsers allow the camera only on secure (https://) pages. Type codes or use a hardware scanner, or open the https:// address.';
  }
  const name = error instanceof Error || (typeof error === 'object' && error && 'name' in error) ? String((error as { name: unknown }).name) : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return 'The camera is blocked for this site: allow the camera in the browser’s site settings, then tap "Scan with camera" again.';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No camera found on this phone. Type codes or use a hardware scanner.';
  if (name === 'NotReadableError' || name === 'AbortError') return 'The camera is busy in another app: close that app, then try again.';
  const message = error instanceof Error ? error.message : String(error);
  return `Camera unavailable: ${message}`;
}
