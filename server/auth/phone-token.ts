// Phone tokens: jose HS256 JWTs signed with MOBILE_JWT_SECRET that fix the event, the
// device, the credential and (optionally) the entrance. A door's session lasts its event:
// until the event's end plus a grace period, never longer than a bounded maximum, never
// past the credential's expiry. Revocation still ends it at the next request (bearer.ts).
import { jwtVerify, SignJWT } from 'jose';
import { deviceTokenClaimsSchema, type DeviceTokenClaims } from '../../shared/protocol/login.ts';
import type { Config } from '../config.ts';
import { getOrInsert } from '../../shared/get-or-insert.ts';

const HOUR_MS = 60 * 60 * 1000;

export const DEVICE_SESSION = {
  /** After the event's end: doors upload their last scans, stragglers leave. */
  graceMs: 12 * HOUR_MS,
  /** For an event with no end time. */
  defaultMs: 24 * HOUR_MS,
  /** Signing in after the event's end (plus grace) still gives this long, to upload. */
  minimumMs: HOUR_MS,
  /** The default bound on any session (PHONE_SESSION_MAX_SECONDS). */
  maximumMs: 7 * 24 * HOUR_MS,
};
const AUDIENCE = 'fastcheck-phone';

const keys = new WeakMap<Config['secrets'], Uint8Array>();
function key(config: Pick<Config, 'secrets'>): Uint8Array {
  return getOrInsert(keys, config.secrets, (secrets) => new TextEncoder().encode(secrets.MOBILE_JWT_SECRET));
}

export interface SessionBounds {
  /** The event's end; null when it has none. */
  eventEndsAt: Date | null;
  credentialExpiresAt: Date | null;
  /** The longest a session may last (config.phoneSessionMaxMs). */
  maximumMs?: number;
}

/** When a token signed at `now` expires: event end + grace, within [minimum, maximum], capped by the credential. */
export function tokenExpiry(now: Date, bounds: SessionBounds): Date {
  const t = now.getTime();
  const maximum = bounds.maximumMs ?? DEVICE_SESSION.maximumMs;
  const wanted = bounds.eventEndsAt
    ? Math.max(bounds.eventEndsAt.getTime() + DEVICE_SESSION.graceMs, t + DEVICE_SESSION.minimumMs)
    : t + DEVICE_SESSION.defaultMs;
  let expires = Math.min(wanted, t + maximum);
  if (bounds.credentialExpiresAt) expires = Math.min(expires, bounds.credentialExpiresAt.getTime());
  return new Date(expires);
}

export async function signDeviceToken(config: Pick<Config, 'secrets'>, claims: Omit<DeviceTokenClaims, 'exp'>, now: Date, expiresAt: Date): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key(config));
}

// Tokens already verified, per secret: a phone sends the same token with every scan, and
// the HMAC check (WebCrypto) was a tenth of a check-in's CPU. Expiry is still judged each time.
const verified = new WeakMap<Config['secrets'], Map<string, DeviceTokenClaims>>();

/** The claims of a valid, unexpired token; null for anything else. */
export async function verifyDeviceToken(config: Pick<Config, 'secrets'>, token: string, now: Date): Promise<DeviceTokenClaims | null> {
  const seen = getOrInsert(verified, config.secrets, () => new Map<string, DeviceTokenClaims>());
  const hit = seen.get(token);
  if (hit) return hit.exp * 1000 > now.getTime() ? hit : null;
  try {
    const { payload } = await jwtVerify(token, key(config), { algorithms: ['HS256'], audience: AUDIENCE, currentDate: now });
    const parsed = deviceTokenClaimsSchema.safeParse(payload);
    if (!parsed.success) return null;
    if (seen.size >= 10_000) seen.clear();
    seen.set(token, parsed.data);
    return parsed.data;
  } catch {
    return null;
  }
}
