// What the door's one line of state says, from what the phone knows: connection, the cached
// list, scans still to upload, and whether this page can work offline at all. Pure, so each
// combination is a table test; the components only render the parts. Words come from the
// door's catalogue (client/i18n), times in the event's zone.
import { t } from '../i18n/index.ts';

export type OfflineSupport = 'unsupported' | 'installing' | 'controlling';

export interface LineState {
  online: boolean;
  attendees: number;
  pending: number;
  /** When the list was last brought up to date (shown in the event's time zone). */
  lastSyncAt?: string | null;
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
 * "Online · 10,000 attendees · synced 19:42 · 3 to upload" / "Offline · deciding here · 3 to
 * upload": short enough for one line at 320 px ("deciding on this phone" did not fit even at
 * 390 px). The sync time, in the event's zone, says how fresh the list is.
 */
export function statusLine(s: LineState): LinePart[] {
  const parts: LinePart[] = [
    { id: 'status-online', text: s.online ? t('status.online') : t('status.offline'), tone: s.online ? 'ok' : 'warn', shrinks: false },
  ];
  if (s.attendees === 0) parts.push({ id: 'status-attendees', text: t('status.noAttendees'), tone: 'warn', shrinks: true });
  else if (s.online) parts.push({ id: 'status-attendees', text: t('status.attendees', { count: s.attendees }), tone: 'plain', shrinks: true });
  else parts.push({ id: 'status-mode', text: t('status.decidingHere'), tone: 'plain', shrinks: true });
  // Only online: offline, "deciding here" and what waits to upload fill a 320 px line already.
  if (s.online && s.attendees > 0 && s.lastSyncAt)
    parts.push({ id: 'status-synced', text: t('status.synced', { at: s.lastSyncAt }), tone: 'plain', shrinks: true });
  if (s.pending > 0) parts.push({ id: 'status-pending', text: t('status.pending', { count: s.pending }), tone: 'warn', shrinks: false });
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
    return { text: t('ready.onlineOnly'), tone: 'warn', why: s.secure ? t('ready.why.browser') : t('ready.why.insecure') };
  }
  if (s.sw === 'installing') return { text: t('ready.preparing'), tone: 'plain', why: null };
  if (s.attendees === 0) return { text: t('ready.noAttendees'), tone: 'plain', why: null };
  if (!s.online) return { text: null, tone: 'plain', why: null };
  return { text: t('ready.ok'), tone: 'ok', why: null };
}

/** Why the camera did not start, in words door staff can act on. */
export function cameraProblem(error: unknown, env: { secure: boolean; hasGetUserMedia: boolean }): string {
  if (!env.secure || !env.hasGetUserMedia) return t('camera.insecure');
  const name = error instanceof Error || (typeof error === 'object' && error && 'name' in error) ? String((error as { name: unknown }).name) : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return t('camera.blocked');
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return t('camera.none');
  if (name === 'NotReadableError' || name === 'AbortError') return t('camera.busy');
  return t('camera.other', { message: error instanceof Error ? error.message : String(error) });
}
