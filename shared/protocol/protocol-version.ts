// The phone ↔ server protocol version. A phone sends its version in PROTOCOL_HEADER
// (shared/protocol/headers.ts) on every call; the server refuses one it does not speak
// with `unsupported_protocol`, and the phone then updates itself while its outbox waits.
//
// Bump PROTOCOL_VERSION for any change an older phone or server would misread, and add a
// line below. Additive changes (a new optional field, a new route) need no bump. Raise
// MIN_SUPPORTED_PROTOCOL_VERSION only when the server drops an old shape: phones below it
// are told to update.
//
// History:
// v1 (2026-11-24): first release: sign-in, online check-in, scan batches (/mobile/scans,
//   /check-in/batch), attendee delta sync; the conflicts feed (/mobile/conflicts, same day)
//   was added without a bump, and so was its nudge stream (/mobile/events-stream,
//   2026-12-02): a phone that never opens it only hears of conflicts at its next sync.

export const PROTOCOL_VERSION = 1;

/** The oldest phone this server still serves. */
export const MIN_SUPPORTED_PROTOCOL_VERSION = 1;
