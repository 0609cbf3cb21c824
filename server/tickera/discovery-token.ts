// A signed note of what "discover" found for a multi-event key (its events and ticket
// counts), handed back by "import" so the key's tickets are not paged through a second
// time. HMAC-SHA256 under a key derived from ENCRYPTION_KEY; it names the site and a
// keyed MAC of the API key (never the key, nor a plain hash a short key could be guessed
// from), and lasts an hour. Anything wrong with it just means discovering again.
import { createHmac, timingSafeEqual } from 'node:crypto';

const LIFETIME_MS = 60 * 60_000;

export interface TokenEvents {
  events: Array<{ title: string; tickets: number }>;
}

interface Payload extends TokenEvents {
  site: string;
  key: string;
  exp: number;
}

const signingKey = (secret: string) => createHmac('sha256', secret).update('fastcheck tickera discovery token v1').digest();
const mac = (secret: string, data: string) => createHmac('sha256', signingKey(secret)).update(data).digest('base64url');

export function issueDiscoveryToken(secret: string, site: string, apiKey: string, found: TokenEvents, now: Date): string {
  const payload: Payload = { site, key: mac(secret, `key:${apiKey.trim()}`), exp: now.getTime() + LIFETIME_MS, events: found.events };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(secret, body)}`;
}

/** The events the token vouches for, or undefined when it is not valid for this site and key now. */
export function readDiscoveryToken(secret: string, token: string, site: string, apiKey: string, now: Date): TokenEvents | undefined {
  const [body, sig] = token.split('.');
  if (!body || !sig) return undefined;
  const want = Buffer.from(mac(secret, body));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return undefined;
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (payload.site !== site || payload.key !== mac(secret, `key:${apiKey.trim()}`) || !(payload.exp > now.getTime())) return undefined;
  if (!Array.isArray(payload.events)) return undefined;
  return { events: payload.events };
}
