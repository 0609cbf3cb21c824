// Ticket codes as Tickera reads them: surrounding space trimmed, and a legacy QR payload
// (pipe-separated fields ending in the code, e.g. "...|checksum|...|E3C8AF28A5-3") reduced
// to its last field. Used by the server and the phone alike so both look up the same key.

/** Separators Tickera's legacy payloads use between fields (raw, URL-encoded, alternative). */
const LEGACY_SEPARATOR = /\||%7C|~/gi;

export function normalizeTicketCode(raw: string): string {
  const code = raw.trim();
  if (!/checksum/i.test(code)) return code;
  const parts = code.split(LEGACY_SEPARATOR);
  if (parts.length < 2) return code;
  return parts[parts.length - 1].trim();
}
