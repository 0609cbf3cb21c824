// Ticket codes as people scan and type them, read the same way by the server and the phone:
// - `normalizeTicketCode` takes the code out of what a scanner or a person produced: surrounding
//   space trimmed, Tickera's legacy QR payload ("...|checksum|...|E3C8AF28A5-3") reduced to its
//   last field, and a URL-shaped payload reduced to its `?ticket=` / `?code=` parameter or its
//   last path segment;
// - `ticketCodeKey` is the key codes are matched by unless the event keeps exact case. It folds
//   ASCII letters only, so it is the same function as Postgres' `lower(x collate "C")` whatever
//   the database's locale, on PGlite, and in every browser (full Unicode lower-casing differs
//   between them); ticket codes are ASCII in practice (Tickera: upper-case hex and digits);
// - `pickTicket` chooses the ticket a typed code means among the ones with its key.

/** Separators Tickera's legacy payloads use between fields (raw, URL-encoded, alternative). */
const LEGACY_SEPARATOR = /\||%7C|~/gi;
/** `scheme://…`: a payload that is a link rather than a code. */
const URL_SHAPED = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Query parameters a ticket link carries its code in, in order of preference (`checksum`: Tickera's own check-in URL). */
export const TICKET_CODE_PARAMS = ['ticket', 'ticket_code', 'code', 'checksum'] as const;

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `?name=value&…` of a link as pairs, decoded (shared/ has no DOM or Node `URL`: plain string work). */
function queryPairs(query: string): Array<[string, string]> {
  return query
    .split('&')
    .filter((p) => p.length > 0)
    .map((p) => {
      const eq = p.indexOf('=');
      const [name, value] = eq < 0 ? [p, ''] : [p.slice(0, eq), p.slice(eq + 1)];
      return [decoded(name.replace(/\+/g, ' ')).toLowerCase(), decoded(value.replace(/\+/g, ' ')).trim()];
    });
}

function fromUrl(text: string): string | undefined {
  const rest = text.replace(URL_SHAPED, '').split('#')[0];
  const q = rest.indexOf('?');
  const [where, query] = q < 0 ? [rest, ''] : [rest.slice(0, q), rest.slice(q + 1)];
  const pairs = queryPairs(query);
  for (const name of TICKET_CODE_PARAMS) {
    const value = pairs.find(([n, v]) => n === name && v.length > 0)?.[1];
    if (value) return value;
  }
  // The host is the first segment: a code is only in the path after it.
  const segments = where
    .split('/')
    .slice(1)
    .map((s) => decoded(s).trim())
    .filter((s) => s.length > 0);
  return segments[segments.length - 1];
}

function fromLegacy(text: string): string {
  const parts = text.split(LEGACY_SEPARATOR);
  if (parts.length < 2) return text;
  return parts[parts.length - 1].trim();
}

/** The ticket code in a scanned or typed text (the text itself, trimmed, when it holds nothing else). */
export function normalizeTicketCode(raw: string): string {
  const text = raw.trim();
  if (URL_SHAPED.test(text)) return fromUrl(text) ?? text;
  if (/checksum/i.test(text)) return fromLegacy(text);
  return text;
}

/** The case-insensitive match key of a code: ASCII letters folded to lower case, nothing else changed. */
export function ticketCodeKey(code: string): string {
  // An all-ASCII code (nearly every one) takes the native lower-casing, which is the same there.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range starts at U+0000 on purpose
  return /^[\u0000-\u007f]*$/.test(code) ? code.toLowerCase() : code.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/**
 * The ticket a code means, among candidates that share its key (`ticketCodeKey`). With exact
 * case only an identical code matches. Otherwise the one candidate matches; when an event holds
 * codes that differ only by case, the key is ambiguous and only the identical code matches.
 */
export function pickTicket<T>(code: string, candidates: readonly T[], codeOf: (t: T) => string, exactCase: boolean): T | undefined {
  const same = candidates.find((c) => codeOf(c) === code);
  if (exactCase || same) return same;
  const key = ticketCodeKey(code);
  const matching = candidates.filter((c) => ticketCodeKey(codeOf(c)) === key);
  return matching.length === 1 ? matching[0] : undefined;
}

/**
 * Groups of distinct codes that share one key (differ only by case), each sorted, in order of
 * their first code. An event matching without case cannot tell them apart by what is typed.
 */
export function caseCollisions(codes: Iterable<string>): string[][] {
  // One map entry per key; a group is made only for a key seen with a second spelling.
  const first = new Map<string, string>();
  const groups = new Map<string, Set<string>>();
  for (const code of codes) {
    const key = ticketCodeKey(code);
    const seen = first.get(key);
    if (seen === undefined) first.set(key, code);
    else if (seen !== code) {
      const group = groups.get(key) ?? new Set([seen]);
      group.add(code);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map((g) => [...g].sort()).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * Whether a typed text reads as a ticket code rather than a name or an email: one word with a
 * digit, a dash or an underscore in it ("HLF-00013-1", "NOT-A-TICKET"), or a code taken out of
 * a link or a legacy QR payload. A name typed at the door ("Oppenheimer", "OPPENHEIMER" from a
 * phone keyboard set to capitals) is searched for, never recorded as an unknown ticket. A
 * hyphenated name ("Jean-Luc") reads as a code, so callers look names up before scanning.
 */
export function looksLikeTicketCode(raw: string): boolean {
  const text = raw.trim();
  const code = normalizeTicketCode(text);
  if (code.length === 0 || /\s/.test(code)) return false;
  if (code !== text) return true;
  return !code.includes('@') && /[\d_-]/.test(code);
}
