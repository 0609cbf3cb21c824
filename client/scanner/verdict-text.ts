// The reason line under a verdict, in the door's language: built from the scan result's
// codes and fields (verdict, server_verdict, attendee, first_scan, reentry) and this door's
// event and entrance, never from the server's English `message`. Times are in the event's
// zone (the formatter's, set from the session).
import { ApiError, NetworkError } from '../../shared/api-answer.ts';
import type { MobileEntrance, MobileEvent } from '../../shared/protocol/login.ts';
import { openingWindow } from '../../shared/verdict.ts';
import { t } from '../i18n/index.ts';
import type { PriorParts } from '../i18n/en.ts';
import type { ScanProblem, ShownVerdict } from './scan-controller.ts';

export interface DoorContext {
  event: Pick<MobileEvent, 'starts_at' | 'ends_at' | 'reentry_allowed' | 'timezone'>;
  /** The entrance this door scans at (null: none chosen or the event has none). */
  entrance: MobileEntrance | null;
  /** The scan's time, to tell "opens at" from "closed at". */
  now?: Date;
}

const toDate = (iso: string | null) => (iso ? new Date(iso) : null);

/** Why a scan got no verdict, by problem code (server error codes included). */
export function problemText(p: ScanProblem | null): string {
  if (!p) return '';
  switch (p.kind) {
    case 'no_connection':
      return t('problem.noConnection');
    case 'update_needed':
      return t('problem.updateNeeded');
    case 'sign_in_again':
      return t('problem.signInAgain');
    case 'other':
      return t('problem.other', { message: p.message });
    case 'api':
      if (p.code === 'rate_limited') return t('problem.rateLimited');
      if (p.code === 'service_unavailable' || p.code === 'database_unavailable' || p.code === 'internal_error' || p.code === 'http_error')
        return t('problem.serverDown');
      if (p.code === 'bad_answer') return t('problem.badAnswer');
      return t('problem.code', { code: p.code, status: p.status });
  }
}

/**
 * Any failed call (sign-in, supervisor check, download) in the door's language, by the error's
 * code: the server's own English message is not shown. An Error of this app's own making
 * (already worded from the catalogue) keeps its message.
 */
export function errorText(e: unknown): string {
  if (e instanceof NetworkError) return t('error.network');
  if (e instanceof ApiError) {
    if (e.code === 'unauthorized') return t('error.unauthorized');
    if (e.code === 'forbidden') return t('error.forbidden');
    if (e.code === 'not_found') return t('error.notFound');
    if (e.code === 'rate_limited') return t('problem.rateLimited');
    if (e.code === 'service_unavailable' || e.code === 'database_unavailable' || e.code === 'internal_error' || e.code === 'http_error')
      return t('problem.serverDown');
    if (e.code === 'bad_answer') return t('problem.badAnswer');
    return t('error.code', { code: e.code, status: e.status });
  }
  return e instanceof Error ? e.message : String(e);
}

export function verdictReason(shown: ShownVerdict, door: DoorContext): string {
  const r = shown.result;
  if (shown.verdict === 'error' || !r) return problemText(shown.problem);
  const name = r.attendee?.name.trim() || null;
  const prior: PriorParts | null = r.first_scan ? { at: r.first_scan.at, entrance: r.first_scan.entrance, device: r.first_scan.device } : null;
  const line = (() => {
    switch (r.verdict) {
      case 'unknown_ticket':
        return t('verdict.unknown');
      case 'accepted':
        if (shown.direction === 'out') return t('verdict.goodbye', { name });
        return t('verdict.welcome', {
          name,
          reentry: r.reentry === true,
          used: r.attendee?.checkins_used ?? 0,
          allowed: r.attendee?.checkins_allowed ?? 0,
        });
      case 'cancelled':
        return t('verdict.cancelled', { name, revoked: shown.ticketStatus === 'revoked' });
      case 'wrong_entrance':
        return t('verdict.wrongEntrance', { ticketType: r.attendee?.ticket_type ?? null, entrance: door.entrance?.name ?? null });
      case 'not_open': {
        const entrance = door.entrance?.name ?? null;
        const e = door.event;
        const ent = door.entrance;
        const { opens, closes } = openingWindow(
          { startsAt: toDate(e.starts_at), endsAt: toDate(e.ends_at), reentryAllowed: e.reentry_allowed, timezone: e.timezone },
          ent ? { name: ent.name, allowedTicketTypeIds: ent.allowed_ticket_type_ids, opensAt: toDate(ent.opens_at), closesAt: toDate(ent.closes_at) } : null,
        );
        const now = door.now ?? new Date();
        if (opens && now < opens) return t('verdict.opensAt', { entrance, at: opens });
        if (closes && now > closes) return t('verdict.closedAt', { entrance, at: closes });
        return t('verdict.notOpen', { entrance });
      }
      case 'already_checked_in':
        return t('verdict.already', { prior });
      case 'conflict':
        return r.server_verdict === 'already_checked_in'
          ? t('verdict.conflictAlready', { prior })
          : t('verdict.conflictServer', { server: r.server_verdict ?? null });
    }
  })();
  // A refusal decided at the door offline that the server saw otherwise says so.
  if (r.verdict === 'conflict' || !r.server_verdict) return line;
  return t('verdict.refusedOffline', { line, server: r.server_verdict });
}
