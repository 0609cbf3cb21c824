// The Tickera API key travels in the URL path, so any URL or message that might carry it
// goes through here before it reaches a log line, an error or the database.
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const REDACTED = '[redacted]';

/** Replaces every occurrence of the key (any case: sanitize_key lowercases it) and its URL-encoded form. */
export function redactKey(message: string, apiKey: string | undefined): string {
  let out = message;
  const forms = apiKey ? new Set([apiKey, encodeURIComponent(apiKey), apiKey.toLowerCase()].filter((f) => f.length > 0)) : [];
  for (const form of forms) out = out.replace(new RegExp(escapeRegExp(form), 'gi'), REDACTED);
  // Belt and braces: whatever sits after /tc-api/ is a key.
  return out.replace(/(\/tc-api\/)[^/?#\s"]+/g, `$1${REDACTED}`);
}
