// Who did what, in the words of the audit's answers: a console user (id, email, name) and
// the void of a scan (when, why, by which user or supervisor phone).
import type { ActorUser, VoidInfo } from '../../shared/protocol/audit.ts';
import type { VoidFields } from '../db/repos/void-columns.ts';

export const actorUser = (id: string | null, email: string | null, name: string | null): ActorUser | null =>
  id ? { id, email: email ?? '', name: name ?? '' } : null;

export function voidInfo(f: VoidFields): VoidInfo | null {
  if (!f.voidedByScanId || !f.voidAt) return null;
  return {
    scan_id: f.voidedByScanId,
    at: f.voidAt.toISOString(),
    reason: f.voidReason,
    user: actorUser(f.voidUserId, f.voidUserEmail, f.voidUserName),
    device: f.voidDevice,
  };
}
