// The scan result a door is shown, built one way for the server's online and reconciled
// decisions and for the service worker's local ones, so both answer in the same shape.
import type { ScanResult } from './protocol/check-in.ts';
import type { Decision, PriorScan } from './verdict.ts';

/** The ticket as this scan left it. */
export interface ScannedAttendee {
  name: string;
  ticketTypeName: string | null;
  checkinsAllowed: number;
  checkinsUsed: number;
  inside: boolean;
}

export interface ScanResultParts {
  scanId: string;
  decision: Pick<Decision, 'verdict' | 'reentry' | 'serverVerdict'>;
  message: string;
  attendee: ScannedAttendee | null;
  /** The earlier admission to show beside the verdict, if any. */
  firstScan: PriorScan | null;
  /** Decided on the phone without the server. */
  offline?: boolean;
  /** For a `conflict`: the scan that had already used the allowance. */
  conflictWithScanId?: string | null;
}

export function buildScanResult(p: ScanResultParts): ScanResult {
  const { decision, attendee, firstScan } = p;
  return {
    scan_id: p.scanId,
    verdict: decision.verdict,
    message: p.message,
    attendee: attendee
      ? {
          name: attendee.name,
          ticket_type: attendee.ticketTypeName,
          checkins_used: attendee.checkinsUsed,
          checkins_allowed: attendee.checkinsAllowed,
          inside: attendee.inside,
        }
      : null,
    first_scan: firstScan ? { at: firstScan.at.toISOString(), entrance: firstScan.entrance, device: firstScan.device } : null,
    ...(p.offline ? { offline: true } : {}),
    ...(decision.reentry ? { reentry: true } : {}),
    ...(decision.verdict === 'conflict' ? { conflict_with_scan_id: p.conflictWithScanId ?? null } : {}),
    ...(decision.serverVerdict ? { server_verdict: decision.serverVerdict } : {}),
  };
}
