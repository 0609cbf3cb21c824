// Phone tokens: jose HS256 JWTs signed with MOBILE_JWT_SECRET that fix the event, the
// device, the credential and (optionally) the entrance. Valid for 24 h or until the
// credential expires, whichever comes first.
import { jwtVerify, SignJWT } from 'jose';
import { deviceTokenClaimsSchema, type DeviceTokenClaims } from '../../shared/protocol/login.ts';
import type { Config } from '../config.ts';
import { getOrInsert } from '../../shared/get-or-insert.ts';

export const DEVICE_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
const AUDIENCE = 'fastcheck-phone';

const keys = new WeakMap<Config['secrets'], Uint8Array>();
function key(config: Pick<Config, 'secrets'>): Uint8Array {
  return getOrInsert(keys, config.secrets, (secrets) => new TextEncoder().encode(secrets.MOBILE_JWT_SECRET));
}

export function tokenExpiry(now: Date, credentialExpiresAt: Date | null): Date {
  const max = new Date(now.getTime() + DEVICE_TOKEN_TTL_MS);
  return credentialExpiresAt && credentialExpiresAt < max ? credentialExpiresAt : max;
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
