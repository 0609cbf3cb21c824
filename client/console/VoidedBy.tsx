import type { ActorUser, VoidInfo } from '../../shared/protocol/audit.ts';
import { formatInZone } from './zoned-time.ts';

/** "Ann Lee (ann@example.org)", or the email alone when the user has no name. */
export const userLabel = (u: ActorUser) => (u.name ? `${u.name} (${u.email})` : u.email);

/** Who voided a scan, when and why: the console user, or the supervisor phone. */
export function VoidedBy({ info, timezone }: { info: VoidInfo; timezone: string }) {
  const who = info.user ? userLabel(info.user) : info.device ? `${info.device} (supervisor phone)` : 'unknown';
  return (
    <span class="voided-by" data-testid="voided-by">
      Voided by <strong>{who}</strong> at {formatInZone(info.at, timezone, { seconds: true })}
      {info.reason ? `: “${info.reason}”` : ''}
    </span>
  );
}
