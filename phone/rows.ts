// The shapes of the rows the phone's IndexedDB holds, one interface per table. They import
// nothing of phone/ (only shared/ types), so the database class and every table module can
// depend on them without depending on each other.
import type { PhoneAttendee } from '../shared/protocol/attendees-delta.ts';
import type { ScanResult } from '../shared/protocol/check-in.ts';
import type { Direction, Verdict } from '../shared/protocol/common.ts';
import type { EventConflict } from '../shared/protocol/conflicts.ts';
import type { MobileLoginResponse } from '../shared/protocol/login.ts';
import type { BatchScan } from '../shared/protocol/scans-batch.ts';

/** The signed-in gate: token, event setup and the entrance this phone scans at (one row, key "current"). */
export interface StoredSession extends MobileLoginResponse {
  key: 'current';
  /** Origin of the server the token is for. */
  server: string;
  /** The entrance scans are made at: the credential's own, or the one chosen at sign-in. */
  scanning_entrance_id: string | null;
  signed_in_at: string;
  /** The name this phone gave itself at sign-in (offered again when it signs in again). */
  device_name?: string | null;
  /**
   * When the server refused this session's token (expired or revoked): scans are decided
   * on the phone and kept until a sign-in for the same event replaces the token.
   */
  ended_at?: string | null;
  /**
   * Said on screen after a sync brought new rules that change this door: its entrance was
   * removed (the door chooses another) or now admits other ticket types. Cleared when seen.
   */
  rules_notice?: RulesNotice | string | null;
}

/**
 * What new rules changed for this door, as a code and names (the page words it in the door's
 * language). A plain string is a notice stored by an older version of the app, in English.
 */
export type RulesNotice =
  | { kind: 'entrance_removed'; entrance: string }
  /** `ticket_types`: the names it now admits (null: a type the rules do not name); empty: every type. */
  | { kind: 'entrance_admits'; entrance: string; ticket_types: Array<string | null> };

/** An attendee with folded copies (searchFold) of names and email, and the code's match key, indexed for offline search. */
export interface CachedAttendee extends PhoneAttendee {
  code_lc: string;
  first_lc: string;
  last_lc: string;
  email_lc: string;
}

export type ScanState = 'pending' | 'synced' | 'failed';

export interface LocalScan {
  scan_id: string;
  ticket_code: string;
  direction: Direction;
  entrance_id: string | null;
  scanned_at: string;
  /** The verdict shown at the door. */
  local_verdict: Verdict;
  /** The latest verdict: the server's once known, else the local one. */
  verdict: Verdict;
  state: ScanState;
  offline: boolean;
  result: ScanResult;
  /** Why the server did not take the upload: its message (English, for logs)… */
  error: string | null;
  /** …and its error code, which the page words (absent in rows stored by older versions). */
  error_code?: string | null;
  /** The field the server named (details.path), e.g. "ticket_code". */
  error_field?: string | null;
}

export interface OutboxItem {
  seq?: number;
  scan_id: string;
  scan: BatchScan;
  attempts: number;
  last_error: string | null;
}

/** Small named values: sync cursors and when the list was last synced. */
export interface MetaRow {
  key: string;
  value: string;
}

export type StoredConflict = EventConflict;
